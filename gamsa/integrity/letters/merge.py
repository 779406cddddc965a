"""The mail merge itself: one page per recipient in the office's 공문서 layout (두문·본문·결미), as one PDF and as
HWPX. Plain functions of the template and the recipients (no database), so that the web job, the command line and
the benchmark share them.

Speed (bench/letters.py): WeasyPrint lays out a letter in about 20 ms, but a single document of thousands of pages
gets slower per page as it grows; so the letters are rendered in chunks of `CHUNK` pages, in `processes` worker
processes (spawned: they import only WeasyPrint and core.pdf, never Django's database), and the chunks are joined
in order with pypdf."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CHUNK = 50

STYLE = """
@page { size: A4; margin: 18mm 20mm 16mm 20mm; }
body { font-family: 'Pretendard GOV'; font-size: 11pt; line-height: 1.6; color: #111; margin: 0; }
.letter { page-break-after: always; height: 258mm; position: relative; }
.letter:last-child { page-break-after: auto; }
.agency { text-align: center; font-size: 20pt; font-weight: 700; letter-spacing: 4pt; margin: 0 0 8mm; }
.row { margin: 0; }
.label { display: inline-block; width: 16mm; font-weight: 700; }
.recv { border-top: 2px solid #111; padding-top: 2mm; }
.subject { border-bottom: 1px solid #111; padding-bottom: 2mm; margin-bottom: 5mm; }
.body p { margin: 0 0 3mm; text-indent: 0; }
.foot { position: absolute; bottom: 0; left: 0; right: 0; font-size: 9.5pt; }
.sender { text-align: center; font-size: 17pt; font-weight: 700; letter-spacing: 2pt; margin: 0 0 6mm; }
.signers { border-top: 2px solid #111; padding-top: 1.5mm; }
.foot p { margin: 0; }
"""


@dataclass(frozen=True)
class Letterhead:
    """The template's fixed parts (a LetterTemplate's fields)."""

    agency_name: str
    title: str
    body: str
    sender_title: str
    head_name: str
    drafter: str = ""
    reviewer: str = ""
    approver: str = ""
    document_number: str = ""
    postal_code: str = ""
    address: str = ""
    homepage: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    disclosure: str = "대국민 공개"

    @classmethod
    def of(cls, template) -> Letterhead:
        return cls(**{f: getattr(template, f) for f in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Person:
    name: str
    address: str
    postal_code: str
    business_type: str
    handling_unit: str
    handled_on: dt.date
    email: str = ""


def kdate(day: dt.date) -> str:
    return f"{day.year}. {day.month}. {day.day}."


class _Fill(dict):
    def __missing__(self, key):  # an unknown {name} stays as typed
        return "{" + key + "}"


def body_paragraphs(head: Letterhead, person: Person) -> list[str]:
    values = _Fill(
        성명=person.name,
        업무구분=person.business_type,
        처리부서=person.handling_unit,
        처리일=kdate(person.handled_on),
    )
    text = head.body.format_map(values)
    return [p.strip().replace("\n", " ") for p in text.split("\n\n") if p.strip()]


def issue_line(head: Letterhead, issued_on: dt.date) -> str:
    number = head.document_number or "감사담당관"
    return f"시행 {number} ({kdate(issued_on)})  접수"


def letter_html(head: Letterhead, person: Person, issued_on: dt.date) -> str:
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>" for p in body_paragraphs(head, person))
    signers = "  ".join(
        f"{label} {e(value)}"
        for label, value in (("기안자", head.drafter), ("검토자", head.reviewer), ("결재권자", head.approver))
        if value
    )
    contact = " / ".join(
        x for x in (f"우 {head.postal_code} {head.address}".strip(), head.homepage) if x.strip()
    )
    phones = " / ".join(
        x
        for x in (
            f"전화 {head.phone}" if head.phone else "",
            f"전송 {head.fax}" if head.fax else "",
            head.email,
            head.disclosure,
        )
        if x
    )
    return (
        '<section class="letter">'
        f'<p class="agency">{e(head.agency_name)}</p>'
        f'<p class="row recv"><span class="label">수신</span>{e(person.name)} 귀하 '
        f"(우 {e(person.postal_code)} {e(person.address)})</p>"
        '<p class="row"><span class="label">(경유)</span></p>'
        f'<p class="row subject"><span class="label">제목</span>{e(head.title)}</p>'
        f'<div class="body">{body}</div>'
        '<div class="foot">'
        f'<p class="sender">{e(head.sender_title)} {e(head.head_name)}</p>'
        f'<p class="signers">{signers}</p>'
        f"<p>{e(issue_line(head, issued_on))}</p>"
        f"<p>{e(contact)}</p><p>{e(phones)}</p>"
        "</div></section>"
    )


def chunk_html(head: Letterhead, people: Sequence[Person], issued_on: dt.date) -> str:
    pages = "".join(letter_html(head, p, issued_on) for p in people)
    return f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>{STYLE}</style></head><body>{pages}</body></html>'


def _render(html_text: str) -> bytes:
    from gamsa.core.pdf import html_to_pdf

    return html_to_pdf(html_text)


def default_processes() -> int:
    try:
        from django.conf import settings

        configured = getattr(settings, "GAMSA_LETTERS_PROCESSES", 0)
    except Exception:  # noqa: BLE001  (used without Django settings: the benchmark's plain run)
        configured = 0
    return configured or max(1, min(os.cpu_count() or 1, 4))


def render_pdf(
    head: Letterhead,
    people: Sequence[Person],
    *,
    issued_on: dt.date,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
    chunk: int = CHUNK,
) -> bytes:
    """One PDF, one page per person in the given order. `progress(done, total)` after each chunk."""
    from pypdf import PdfReader, PdfWriter

    total = len(people)
    if total == 0:
        raise ValueError("no recipients")
    pieces = [chunk_html(head, people[i : i + chunk], issued_on) for i in range(0, total, chunk)]
    processes = processes or default_processes()
    results: list[bytes | None] = [None] * len(pieces)
    done = 0
    if processes > 1 and len(pieces) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(processes, len(pieces)), mp_context=context) as pool:
            futures = {pool.submit(_render, piece): i for i, piece in enumerate(pieces)}
            for future in as_completed(futures):
                i = futures[future]
                results[i] = future.result()
                done += min(chunk, total - i * chunk)
                if progress:
                    progress(done, total)
    else:
        for i, piece in enumerate(pieces):
            results[i] = _render(piece)
            done += min(chunk, total - i * chunk)
            if progress:
                progress(done, total)
    if len(results) == 1:
        return results[0]
    writer = PdfWriter()
    for data in results:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def letter_paragraphs(head: Letterhead, person: Person, issued_on: dt.date) -> list[str]:
    signers = "  ".join(
        f"{label} {value}"
        for label, value in (("기안자", head.drafter), ("검토자", head.reviewer), ("결재권자", head.approver))
        if value
    )
    return [
        head.agency_name,
        f"수신  {person.name} 귀하 (우 {person.postal_code} {person.address})",
        "(경유)",
        f"제목  {head.title}",
        "",
        *body_paragraphs(head, person),
        "",
        f"{head.sender_title} {head.head_name}",
        signers,
        issue_line(head, issued_on),
        f"우 {head.postal_code} {head.address} / {head.homepage}".strip(" /"),
        " / ".join(
            x
            for x in (
                f"전화 {head.phone}" if head.phone else "",
                f"전송 {head.fax}" if head.fax else "",
                head.email,
                head.disclosure,
            )
            if x
        ),
    ]


def render_hwpx(head: Letterhead, people: Sequence[Person], *, issued_on: dt.date) -> bytes:
    """The same letters as one HWPX document, each starting on a new page."""
    from gamsa.costing.opinion import hwpx_bytes

    paragraphs: list[str] = []
    breaks: list[int] = []
    for person in people:
        breaks.append(len(paragraphs))
        paragraphs.extend(letter_paragraphs(head, person, issued_on))
    return hwpx_bytes(head.title, paragraphs, page_breaks=breaks)


def email_text(head: Letterhead, person: Person) -> str:
    parts = [f"{person.name} 귀하", *body_paragraphs(head, person), f"{head.sender_title} {head.head_name}"]
    contact = " / ".join(x for x in (head.phone and f"전화 {head.phone}", head.email, head.homepage) if x)
    if contact:
        parts.append(f"문의: {head.agency_name} {contact}")
    return "\n\n".join(parts) + "\n"
