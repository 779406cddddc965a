"""Writes of human-rights education: sessions, participant lists under consent, and their deletion after the
consent notice's retention."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gamsa.core.calendar import LegalCalendar
from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import HumanRightsError, day, require, text, today
from gamsa.humanrights.education.models import Audience, ConsentNotice, Participant, Session

MAX_PARTICIPANT_ROWS = 500
PHONE = re.compile(r"^[0-9\-+ ()]{7,20}$")


def consent_in_force(on: dt.date) -> ConsentNotice | None:
    return (
        ConsentNotice.objects.filter(effective_from__lte=on).order_by("-effective_from", "-version").first()
    )


@transaction.atomic
def record_session(
    actor: User,
    *,
    audience: str,
    title: str,
    held_on: dt.date,
    headcount: int,
    place: str = "",
    institution: str = "",
    instructor: str = "",
    hours=2,
    note: str = "",
) -> Session:
    require(perms.can_manage(actor))
    if audience not in Audience.values:
        raise HumanRightsError("교육 대상을 고르세요.")
    held_on = day(held_on, "교육일")
    if headcount is None or int(headcount) < 1:
        raise HumanRightsError("참여 인원은 1명 이상이어야 합니다.")
    if audience == Audience.VISITING and not (institution or "").strip():
        raise HumanRightsError("찾아가는 인권교육은 방문한 기관·시설명을 입력하세요.")
    try:
        hours = Decimal(str(hours))
    except InvalidOperation:
        raise HumanRightsError("교육 시간이 올바르지 않습니다.") from None
    if not Decimal("0.5") <= hours <= Decimal("40"):
        raise HumanRightsError("교육 시간은 0.5시간에서 40시간 사이로 입력하세요.")
    session = Session.objects.create(
        year=held_on.year,
        audience=audience,
        title=text(title, "교육명", 150),
        held_on=held_on,
        place=text(place, "장소", 150, required=False),
        institution=text(institution, "기관·시설명", 100, required=False),
        instructor=text(instructor, "강사", 100, required=False),
        hours=hours,
        headcount=int(headcount),
        note=text(note, "내용", required=False),
        created_by=actor,
    )
    record_event(
        actor,
        "humanrights.session_recorded",
        session,
        audience=audience,
        held_on=held_on,
        headcount=session.headcount,
    )
    return session


def parse_participants(raw: str) -> tuple[list[dict], list[str]]:
    """Lines '성명, 소속, 연락처' (tab or comma separated; 소속 and 연락처 may be empty) → rows and `N행: 사유` errors."""
    rows, errors = [], []
    lines = (raw or "").splitlines()
    if len([line for line in lines if line.strip()]) > MAX_PARTICIPANT_ROWS:
        return [], [f"한 번에 {MAX_PARTICIPANT_ROWS:,}명까지 입력할 수 있습니다."]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"[\t,]", line)]
        name = parts[0] if parts else ""
        affiliation = parts[1] if len(parts) > 1 else ""
        phone = parts[2] if len(parts) > 2 else ""
        if len(parts) > 3 and any(parts[3:]):
            errors.append(f"{number}행: 칸이 너무 많습니다. '성명, 소속, 연락처' 순서로 적어 주세요.")
        elif not name:
            errors.append(f"{number}행: 성명이 비어 있습니다.")
        elif len(name) > 50:
            errors.append(f"{number}행: 성명은 50자 이내로 적어 주세요.")
        elif len(affiliation) > 100:
            errors.append(f"{number}행: 소속은 100자 이내로 적어 주세요.")
        elif phone and not PHONE.match(phone):
            errors.append(f"{number}행: 연락처 '{phone}'의 형식이 올바르지 않습니다.")
        else:
            rows.append({"name": name, "affiliation": affiliation, "phone": phone})
    if not rows and not errors:
        errors.append("참여자를 한 줄에 한 명씩 입력하세요.")
    return rows, errors


class ParticipantRowsError(HumanRightsError):
    """Some rows are bad; nothing was saved. `errors` lists them as `N행: 사유`."""

    def __init__(self, errors: list[str]):
        super().__init__("입력한 명단에 고칠 줄이 있어 아무것도 저장하지 않았습니다.")
        self.errors = errors


@transaction.atomic
def add_participants(actor: User, session: Session, *, raw: str, consented: bool) -> list[Participant]:
    """Add the participants who signed the consent in force on the session's day. Every bad row is reported and
    nothing is saved then. The headcount grows to the list's length when the list is longer."""
    require(perms.can_manage(actor))
    if not consented:
        raise HumanRightsError(
            "참여자 모두에게 개인정보 수집·이용 동의를 받았는지 확인해 주세요. 동의하지 않은 분은 인원에만 셉니다."
        )
    notice = consent_in_force(session.held_on)
    if notice is None:
        raise HumanRightsError(
            "교육일에 적용되는 개인정보 동의 안내가 없습니다. 관리자에게 등록을 요청하세요."
        )
    rows, errors = parse_participants(raw)
    if errors:
        raise ParticipantRowsError(errors)
    retain_until = LegalCalendar.last_day_of_years(session.held_on, notice.retention_years)
    if retain_until < today():
        raise HumanRightsError("보유 기간이 이미 지난 교육입니다. 명단을 새로 보관할 수 없습니다.")
    created = Participant.objects.bulk_create(
        [
            Participant(
                session=session,
                consent=notice,
                consented_on=session.held_on,
                retain_until=retain_until,
                **row,
            )
            for row in rows
        ]
    )
    listed = session.participants.count()
    if listed > session.headcount:
        session.headcount = listed
        session.save(update_fields=["headcount"])
    record_event(
        actor, "humanrights.participants_added", session, added=len(created), consent_version=notice.version,
        retain_until=retain_until,
    )  # fmt: skip
    return created


@transaction.atomic
def remove_participant(actor: User, participant: Participant) -> None:
    """A participant withdrew consent (or was listed by mistake): their row goes; the headcount stays."""
    require(perms.can_manage(actor))
    session = participant.session
    participant.delete()
    record_event(actor, "humanrights.participant_removed", session)


def purge_expired(on: dt.date | None = None) -> int:
    """Delete the participant rows whose retention ended before `on` (today). One event per run that deleted any."""
    on = on or today()
    with transaction.atomic():
        expired = Participant.objects.filter(retain_until__lt=on)
        sessions = sorted(set(expired.values_list("session__public_id", flat=True)), key=str)
        deleted, _ = expired.delete()
        if deleted:
            record_event(
                None, "humanrights.participants_purged", None, deleted=deleted, sessions=len(sessions), on=on
            )
    return deleted
