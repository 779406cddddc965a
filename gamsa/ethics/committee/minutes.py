"""The minutes (회의록) of a meeting as PDF (core's WeasyPrint helper, Korean font embedded) and HWPX (the OWPML
writer the cost-review opinion uses). Declarants are named 김○○ with unit and grade; relatives by relation only."""

from __future__ import annotations

from gamsa.ethics.committee.models import Decision, ItemKind, Meeting


def redact(name: str) -> str:
    name = (name or "").strip()
    return f"{name[0]}○○" if name else "○○○"


def _subject(item) -> list[str]:
    if item.review_id:
        d = item.review.declarant
        return [f"{redact(d.name)} ({d.unit.name}, {d.get_grade_display()})"]
    if item.refusal_id:
        d = item.refusal.declarant
        return [f"{redact(d.name)} ({d.unit.name})", f"고지거부자: {item.refusal.get_relation_display()}"]
    return []


def _outcome(item) -> str:
    if item.decision == Decision.PENDING:
        return "심의 전"
    parts = [item.get_decision_display()]
    if item.kind == ItemKind.REVIEW and item.review.measures:
        measures = ", ".join(item.review.measure_labels())
        if item.review.fine_amount:
            measures += f" (과태료 {item.review.fine_amount:,}원)"
        parts.append(measures)
    if item.refusal_id and item.refusal.decided_on:
        parts.append(item.refusal.get_status_display())
    if item.decision_text:
        parts.append(item.decision_text)
    return " — ".join(parts)


def context(meeting: Meeting) -> dict:
    items = meeting.items.select_related("review__declarant__unit", "refusal__declarant__unit").order_by(
        "number"
    )
    members = list(meeting.members.order_by("seat", "name"))
    return {
        "m": meeting,
        "title": f"{meeting.year}년 제{meeting.number}차 영등포구 공직자윤리위원회 회의록",
        "members": members,
        "outside": sum(1 for x in members if x.is_outside),
        "rows": [
            {
                "number": i.number,
                "title": i.title,
                "kind": i.get_kind_display(),
                "subject": _subject(i),
                "proposal": i.proposal,
                "outcome": _outcome(i),
            }
            for i in items
        ],  # fmt: skip
    }


def paragraphs(meeting: Meeting) -> list[str]:
    data = context(meeting)
    m = meeting
    lines = [
        data["title"],
        f"일시: {m.held_on.year}. {m.held_on.month}. {m.held_on.day}. · 구분: {m.get_kind_display()} · 장소: {m.place or '-'}",
        f"참석 위원: {', '.join(x.name + '(' + x.get_seat_display() + ')' for x in data['members'])} "
        f"(외부위원 {data['outside']}명)",
        "",
    ]
    for row in data["rows"]:
        lines.append(f"제{row['number']}호 안건: {row['title']} [{row['kind']}]")
        if row["subject"]:
            lines.append(f"  대상: {' · '.join(row['subject'])}")
        if row["proposal"]:
            lines.append(f"  제안: {row['proposal']}")
        lines.append(f"  의결: {row['outcome']}")
    if m.minutes:
        lines += ["", "회의 요지", m.minutes]
    return lines


def write_pdf(meeting: Meeting) -> bytes:
    from gamsa.core.pdf import render_pdf

    return render_pdf("ethics/minutes_pdf.html", context(meeting))


def write_hwpx(meeting: Meeting) -> bytes:
    from gamsa.costing.opinion import hwpx_bytes

    return hwpx_bytes(context(meeting)["title"], paragraphs(meeting))


def file_name(meeting: Meeting, ext: str) -> str:
    return f"공직자윤리위원회_{meeting.year}_제{meeting.number}차_회의록.{ext}"
