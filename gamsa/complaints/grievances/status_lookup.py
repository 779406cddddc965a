"""The citizen's status lookup: receipt number + PIN + the last four digits of the phone given at filing.

Failures are counted in the database (gamsa/core/throttle.py) per client address and per receipt number, each
attempt reserved before the PIN is checked, so concurrent guesses never get past the limit. A right answer gives
back only its own reservation: it never clears failures counted on another receipt or from the same address. A
receipt that reaches its limit is locked for GAMSA_STATUS_LOCK_HOURS; the citizen is told to call the complaint
office, whose officers see the case on their desk and may lift the lock (`unlock`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.models import Grievance
from gamsa.core import throttle
from gamsa.core.services import record_event

CLIENT_SCOPE = "status-client"
RECEIPT_SCOPE = "status-receipt"
CLIENT_WINDOW = dt.timedelta(minutes=15)

WRONG = "접수번호, 확인번호 또는 휴대전화 끝 4자리가 맞지 않습니다."


def receipt_window() -> dt.timedelta:
    return dt.timedelta(hours=settings.GAMSA_STATUS_LOCK_HOURS)


def office_phone() -> str:
    """The number a locked-out citizen calls: the setting, else the complaint team's unit, the audit office, or
    the district's main number."""
    from gamsa.core.models import Agency, OrgUnit

    if settings.GAMSA_COMPLAINT_PHONE:
        return settings.GAMSA_COMPLAINT_PHONE
    for unit in (
        OrgUnit.objects.filter(office_team="complaints").exclude(phone="").first(),
        OrgUnit.objects.filter(is_audit_office=True, office_team="").exclude(phone="").first(),
        Agency.objects.exclude(phone="").first(),
    ):
        if unit is not None:
            return unit.phone
    return ""


def locked_message() -> str:
    phone = office_phone()
    call = f"민원관리팀({phone})에 전화하시면" if phone else "민원관리팀에 전화하시면"
    return (
        "이 접수번호는 확인번호를 여러 번 잘못 입력해 조회가 잠겼습니다. "
        f"{call} 본인 확인 뒤 처리 상황을 안내해 드리고 잠금을 풀어 드립니다. "
        f"잠금은 {settings.GAMSA_STATUS_LOCK_HOURS}시간 뒤에 저절로 풀립니다."
    )


CLIENT_MESSAGE = "조회를 너무 많이 실패했습니다. 15분 뒤에 다시 시도하세요."


@dataclass
class Outcome:
    grievance: Grievance | None = None
    error: str = ""
    status: int = 200


def phone_tail(grievance: Grievance) -> str:
    digits = "".join(ch for ch in (grievance.complainant.phone or "") if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


def matches(grievance: Grievance, pin: str, tail: str) -> bool:
    """PIN and, when the complainant gave a phone, its last four digits. Both are always checked."""
    pin_ok = svc.check_pin(grievance, pin)
    expected = phone_tail(grievance)
    tail_ok = not expected or (tail or "").strip() == expected
    return pin_ok and tail_ok


def look_up(client: str | None, case_number: str, pin: str, tail: str) -> Outcome:
    client_key = client or "unknown"
    receipt_limit = settings.GAMSA_STATUS_RECEIPT_LIMIT
    if not throttle.take(
        CLIENT_SCOPE, client_key, limit=settings.GAMSA_STATUS_CLIENT_LIMIT, window=CLIENT_WINDOW
    ):
        return Outcome(error=CLIENT_MESSAGE, status=429)
    candidate = (
        Grievance.objects.select_related("complainant").filter(case_number=case_number.strip()).first()
    )
    if candidate is None or not candidate.pin_hash:
        return Outcome(error=WRONG, status=400)  # counted against the client only
    if not throttle.take(RECEIPT_SCOPE, candidate.case_number, limit=receipt_limit, window=receipt_window()):
        return Outcome(error=locked_message(), status=429)
    if matches(candidate, pin, tail):
        throttle.give_back(CLIENT_SCOPE, client_key)
        throttle.give_back(RECEIPT_SCOPE, candidate.case_number)
        return Outcome(grievance=candidate)
    if throttle.blocked_until(
        RECEIPT_SCOPE, candidate.case_number, limit=receipt_limit, window=receipt_window()
    ):
        return Outcome(error=locked_message(), status=429)
    return Outcome(error=WRONG, status=400)


def is_locked(grievance: Grievance) -> bool:
    return bool(
        throttle.blocked_until(
            RECEIPT_SCOPE,
            grievance.case_number,
            limit=settings.GAMSA_STATUS_RECEIPT_LIMIT,
            window=receipt_window(),
        )
    )


@transaction.atomic
def unlock(actor, grievance: Grievance) -> bool:
    """Lift the lock on a receipt after the complainant has been identified by phone."""
    removed = throttle.clear(RECEIPT_SCOPE, grievance.case_number)
    record_event(actor, "grievance.status_unlocked", grievance)
    return bool(removed)
