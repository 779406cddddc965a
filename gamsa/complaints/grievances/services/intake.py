"""Intake: complainants, receiving a grievance from any channel (its legal clock starts), the status PIN, re-filing.

Each write runs in one transaction, writes one Event and schedules its notice on commit (house rule 1).
Errors the user can fix raise `GrievanceError` with a Korean message (articles cited where the law decides).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gamsa.complaints.grievances.models import Complainant, Grievance, Notice
from gamsa.complaints.grievances.placeindex import index_grievance
from gamsa.complaints.grievances.services.workflow import GrievanceError
from gamsa.core import calendar as legal
from gamsa.core.models import User
from gamsa.core.notices import schedule as schedule_notice
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import reject_rrn
from gamsa.text.grams import bigram_terms
from gamsa.text.normalize import normalize_name, normalize_phone, place_key

# --- intake ------------------------------------------------------------------------------------------------------


def find_or_create_complainant(
    *, name: str, phone: str = "", email: str = "", address: str = "", user=None
) -> Complainant:
    name = (name or "").strip()
    if not name:
        raise GrievanceError(
            "민원인 성명을 입력하세요 (민원처리법 시행령 제2조: 성명·주소가 불명확하면 민원인이 아닙니다)."
        )
    name_key, phone_key = normalize_name(name), normalize_phone(phone)
    user = user if user is not None and user.is_authenticated else None
    existing = None
    if phone_key:
        # A signed-in citizen's filings join only their own record (their "내 민원"); a name and a phone typed on a
        # form never attach a case to someone's account, nor an account's record to an anonymous case.
        existing = (
            Complainant.objects.filter(name_key=name_key, phone_key=phone_key, user=user)
            .order_by("pk")
            .first()
        )
    if existing:
        changed = []
        for field, value in (("email", email), ("address", address)):
            if value and getattr(existing, field) != value:
                setattr(existing, field, value)
                changed.append(field)
        if changed:
            existing.save(update_fields=changed)
        return existing
    return Complainant.objects.create(
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        name_key=name_key,
        phone_key=phone_key,
        user=user,
    )


# Digits of the citizen's status PIN (receipts before December 2026 had 6; those still work).
PIN_DIGITS = 8


@dataclass
class Receipt:
    grievance: Grievance
    pin: str | None


@transaction.atomic
def receive_grievance(
    actor: User | None,
    *,
    channel: str,
    kind: str,
    title: str,
    body: str,
    complainant: dict,
    received_at: dt.datetime | None = None,
    place_address: str = "",
    latitude=None,
    longitude=None,
    category=None,
    source_ref: str = "",
    households: int = 1,
    signatories: int = 1,
    case_number: str | None = None,
    with_pin: bool = False,
    calendar: legal.LegalCalendar | None = None,
) -> Receipt:
    """Register a grievance from any channel and start its legal clock."""
    for text in (title, body, place_address):
        try:
            reject_rrn(text)
        except ValidationError as exc:
            raise GrievanceError(exc.messages[0]) from None
    if not title.strip() or not body.strip():
        raise GrievanceError("제목과 내용을 모두 입력하세요.")
    received_at = received_at or timezone.now()
    try:
        clock = legal.deadline_for(kind, received_at, calendar)
    except legal.CalendarError as exc:
        raise GrievanceError(str(exc)) from None
    person = find_or_create_complainant(**complainant)
    local = clock.received_at
    if case_number:
        try:
            year, sequence = int(case_number[:4]), int(case_number[5:])
        except ValueError:
            raise GrievanceError(
                f"접수번호 형식이 올바르지 않습니다: {case_number} (예: 2026-000123)"
            ) from None
        if Grievance.objects.filter(case_number=case_number).exists():
            raise GrievanceError(f"이미 있는 접수번호입니다: {case_number}")
    else:
        case_number, sequence = next_case_number("grievance", local.year)
        year = local.year
    pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}" if with_pin else None
    grievance = Grievance.objects.create(
        case_number=case_number,
        year=year,
        sequence=sequence,
        source_ref=source_ref,
        channel=channel,
        kind=kind,
        category=category,
        complainant=person,
        title=title.strip(),
        body=body.strip(),
        place_address=place_address.strip(),
        place_key=place_key(place_address or f"{title} {body}"),
        latitude=latitude,
        longitude=longitude,
        households=households,
        signatories=signatories,
        received_at=clock.received_at,
        counted_from=clock.counted_from,
        original_due_at=clock.due_at,
        due_at=clock.due_at,
        clock_method=clock.method,
        pin_hash=make_password(pin) if pin else "",
        search_grams=bigram_terms(f"{title} {body}"),
        created_by=actor if actor and actor.pk else None,
    )
    index_grievance(grievance)
    Notice.objects.create(
        grievance=grievance,
        kind=Notice.Kind.RECEIPT,
        sent_at=timezone.now(),
        text=(
            f"귀하의 민원이 {legal.format_moment(clock.received_at)}에 접수번호 {case_number}(으)로 접수되었습니다. "
            f"처리기한은 {legal.format_moment(clock.due_at)}입니다 ({clock.basis})."
        ),
    )
    record_event(
        actor,
        "grievance.received",
        grievance,
        channel=channel,
        kind=kind,
        due_at=clock.due_at,
        method=clock.method,
    )
    # The PIN rides in memory to the notice (sent by the citizen's chosen channel, ADR 0031); only its hash is stored.
    schedule_notice("receipt", grievance, **({"pin": pin} if pin else {}))
    return Receipt(grievance, pin)


def check_pin(grievance: Grievance, pin: str) -> bool:
    return bool(grievance.pin_hash) and check_password((pin or "").strip(), grievance.pin_hash)


@transaction.atomic
def refile(
    actor: User | None,
    original: Grievance,
    *,
    title: str,
    body: str,
    channel: str,
    received_at: dt.datetime | None = None,
) -> Receipt:
    """A re-filed grievance with the same content goes back to the audit office (영 제17조②).

    The new case is received by the office; the department that answered keeps seeing it (reopened_from).
    """
    person = original.complainant
    receipt = receive_grievance(
        actor,
        channel=channel,
        kind=original.kind,
        title=title,
        body=body,
        complainant={
            "name": person.name,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        },
        received_at=received_at,
        place_address=original.place_address,
        category=original.category,
    )
    g = receipt.grievance
    g.reopened_from = original
    g.save(update_fields=["reopened_from"])
    record_event(actor, "grievance.refiled", g, original=original.case_number)
    return receipt
