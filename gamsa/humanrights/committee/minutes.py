"""The minutes of a committee meeting (인권위원회 회의록) as PDF (core's WeasyPrint helper, ADR 0008) and as
HWPX (the OWPML writer the costing opinion uses)."""

from __future__ import annotations

from gamsa.humanrights.committee.models import POSITION_RANK, Meeting


def _date(day) -> str:
    return f"{day.year}. {day.month}. {day.day}." if day else ""


def minutes_context(meeting: Meeting) -> dict:
    attendees = list(meeting.attendees.order_by(POSITION_RANK, "id"))
    members = meeting.term.members.filter(starts_on__lte=meeting.held_on).exclude(left_on__lt=meeting.held_on)
    return {
        "meeting": meeting,
        "title": f"제{meeting.term.number}기 인권위원회 제{meeting.number}차 {meeting.get_kind_display()} 회의록",
        "held_on": _date(meeting.held_on),
        "recorded_on": _date(meeting.minutes_recorded_on),
        "attendees": attendees,
        "serving": members.count(),
        "agendas": list(meeting.agendas.all()),
    }


def write_pdf(meeting: Meeting) -> bytes:
    from gamsa.core.pdf import render_pdf

    return render_pdf("humanrights/committee/minutes_pdf.html", minutes_context(meeting))


def minutes_paragraphs(meeting: Meeting) -> list[str]:
    ctx = minutes_context(meeting)
    out = [
        ctx["title"],
        f"일시: {ctx['held_on']}   장소: {meeting.place or '—'}",
        f"출석 위원: {len(ctx['attendees'])}명 (재적 {ctx['serving']}명)",
        "  " + ", ".join(f"{m.name}({m.get_position_display()})" for m in ctx["attendees"]),
        "",
        "안건과 결과",
    ]
    for agenda in ctx["agendas"]:
        result = agenda.get_decision_display() or "미결"
        out.append(f"제{agenda.order}호 [{agenda.get_kind_display()}] {agenda.title} — {result}")
        if agenda.decision_text:
            out.append(f"    {agenda.decision_text}")
    out += ["", "회의 내용"]
    out += (meeting.minutes or "").splitlines()
    out += ["", f"작성일: {ctx['recorded_on']}   인권위원회 간사 (감사담당관 조사팀)"]
    return out


def write_hwpx(meeting: Meeting) -> bytes:
    from gamsa.costing.opinion import hwpx_bytes

    paragraphs = minutes_paragraphs(meeting)
    return hwpx_bytes(paragraphs[0], paragraphs)


def file_name(meeting: Meeting, ext: str) -> str:
    return f"인권위원회_제{meeting.term.number}기_제{meeting.number}차_회의록.{ext}"
