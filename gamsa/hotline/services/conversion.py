"""Converting a report into an investigation case (gamsa.investigations).

The case is received through the investigations service, so its rules apply: the investigation team leader or the
office head converts, and only those investigations lets open the case see it. What goes into the case is what the
handler writes in the conversion form (title, summary, the subject official and the allegation): nothing is copied
from the report, and a text that carries the reporter's name or phone (the identity's keyed tags) is refused. The
case is linked to the report by reference; the investigator it is assigned to also receives the report key, never
the identity key. Events on both sides: `investigation.received` / `investigation.assigned` on the case,
`hotline.converted` on the report.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.core.models import User
from gamsa.core.permissions import is_office_staff
from gamsa.core.services import record_event
from gamsa.hotline import crypto, vault
from gamsa.hotline.models import HandOver, Keyring, Report, ReportKeyGrant
from gamsa.hotline.services.common import (
    SUBJECT,
    HotlineError,
    Status,
    clean_text,
    ctx,
    finish,
    grant_to,
    locked,
    require_open,
)
from gamsa.hotline.services.office import report_key
from gamsa.investigations import permissions as inv_perms
from gamsa.investigations import services as inv_svc
from gamsa.investigations.models import Source

RESULT_TEXT = "신고하신 내용은 조사 사건으로 넘겨 조사합니다. 조사 결과에 따라 필요한 조치를 합니다."
REVEALS = (
    "조사 사건에 옮길 글에 신고자의 성명이나 연락처로 보이는 부분이 있습니다. "
    "신고자 신원은 조사 사건으로 옮기지 않습니다. 그 부분을 빼고 다시 적으세요."
)


def can_convert(user: User) -> bool:
    """Investigations' own rule for receiving a case."""
    return inv_perms.can_receive(user)


@transaction.atomic
def convert(
    actor: User,
    private: bytes,
    report: Report,
    *,
    investigator: User,
    title: str,
    summary: str,
    subject: dict,
    note: str = "",
    at: dt.datetime | None = None,
) -> HandOver:
    """Receive an investigation case from the report and assign it to `investigator`.

    `subject`: {"name", "unit": OrgUnit, "grade", "position", "allegations": [{"type", "act_date",
    "description"}]} as investigations' receive_case takes it. Returns the hand-over record (it names the case)."""
    report = locked(report)
    key = report_key(report, actor, private)
    require_open(report)
    if not can_convert(actor):
        raise HotlineError("조사 사건 접수는 조사팀장 또는 감사담당관이 합니다.")
    title = clean_text(title, "사건명", limit=120)
    summary = clean_text(summary, "비위 개요", limit=4000)
    note = clean_text(note, "인계 메모", required=False, limit=2000)
    envelope = vault.envelope_of(SUBJECT, report.public_id)
    if envelope is not None:
        texts = [title, summary, str(subject.get("name") or ""), str(subject.get("position") or "")]
        texts += [str(a.get("description") or "") for a in subject.get("allegations") or []]
        if any(vault.text_reveals(envelope.tags, text) for text in texts):
            raise HotlineError(REVEALS)
    ring = Keyring.objects.filter(user=investigator).select_related("user").first()
    if (
        ring is None
        or not is_office_staff(investigator)
        or report.recusals.filter(user=investigator).exists()
    ):
        raise HotlineError("열쇠가 있는 조사팀 조사관에게만 인계할 수 있습니다.")
    at = at or timezone.now()
    on = timezone.localtime(at).date()
    try:
        case = inv_svc.receive_case(
            actor,
            title=title,
            summary=summary,
            source=Source.HOTLINE,
            received_on=on,
            subjects=[subject],
            hotline_report=report,
        )
        inv_svc.assign(actor, case, [investigator], on, private=private)
    except inv_svc.InvestigationError as exc:
        raise HotlineError(str(exc)) from None
    except inv_svc.Denied:
        raise HotlineError("조사 사건 접수는 조사팀장 또는 감사담당관이 합니다.") from None
    grant_to(report, key, ring, ReportKeyGrant.Kind.HANDLER, actor, at)
    hand_over = HandOver.objects.create(
        report=report,
        to_user=investigator,
        by_user=actor,
        note_box=crypto.seal_text(key, note, ctx(report, "handover")),
        investigation_reference=case.case_number,
        identity_included=False,
        created_at=at,
    )
    report.result_box = crypto.seal_text(key, RESULT_TEXT, ctx(report, "result"))
    report.first_feedback_at = report.first_feedback_at or at
    report.acknowledged_at = report.acknowledged_at or at
    finish(report, Status.CONVERTED, at)
    report.save()
    record_event(actor, "hotline.converted", report, case=case.case_number, to=investigator.username)
    return hand_over
