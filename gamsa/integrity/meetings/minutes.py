"""The minutes (회의록) of a status meeting as PDF (core.pdf, Korean font embedded) and HWPX (the OWPML writer of
the cost-review opinion)."""

from __future__ import annotations

from gamsa.integrity.meetings.models import StatusMeeting


def kdate(day) -> str:
    return f"{day.year}. {day.month}. {day.day}."


def context(meeting: StatusMeeting) -> dict:
    items = list(meeting.items.select_related("unit").order_by("number"))
    return {"m": meeting, "items": items, "title": f"{meeting.title} 회의록"}


def paragraphs(meeting: StatusMeeting) -> list[str]:
    data = context(meeting)
    m = meeting
    lines = [
        data["title"],
        f"일시: {kdate(m.held_on)} · 장소: {m.place or '-'} · 주재: {m.chair or '-'}",
        f"참석: {m.attendees or '-'}",
        "",
    ]
    for item in data["items"]:
        lines.append(f"{item.number}. {item.title}" + (f" ({item.unit.name})" if item.unit_id else ""))
        if item.summary:
            lines.append(f"  보고: {item.summary}")
        if item.decision:
            lines.append(f"  결정·지시: {item.decision}")
    if m.minutes:
        lines += ["", "회의 요지", m.minutes]
    return lines


def write_pdf(meeting: StatusMeeting) -> bytes:
    from gamsa.core.pdf import render_pdf

    return render_pdf("integrity/meetings/minutes_pdf.html", context(meeting))


def write_hwpx(meeting: StatusMeeting) -> bytes:
    from gamsa.costing.opinion import hwpx_bytes

    return hwpx_bytes(context(meeting)["title"], paragraphs(meeting))


def file_name(meeting: StatusMeeting, ext: str) -> str:
    return f"반부패추진상황보고회_{meeting.held_on:%Y%m%d}_회의록.{ext}"
