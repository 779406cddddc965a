"""Pledge writes: a new text version, a signature. Each in one transaction with one Event."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.integrity.pledges.models import PledgeSignature, PledgeText


class PledgeError(ValueError):
    """Korean message."""


def current_text(year: int, today: dt.date | None = None) -> PledgeText | None:
    """The version in force for `year` on `today`: the latest version whose date has come."""
    today = today or timezone.now().astimezone(SEOUL).date()
    return PledgeText.objects.filter(year=year, effective_from__lte=today).order_by("-version").first()


@transaction.atomic
def publish_text(
    actor: User | None,
    *,
    year: int,
    title: str,
    body: str,
    effective_from: dt.date,
    sign_by: dt.date | None = None,
) -> PledgeText:
    if not title.strip() or not body.strip():
        raise PledgeError("제목과 서약 내용을 입력하세요.")
    if effective_from.year != year:
        raise PledgeError("시행일은 그 연도 안이어야 합니다.")
    if sign_by and sign_by < effective_from:
        raise PledgeError("서명 기한은 시행일 이후여야 합니다.")
    last = PledgeText.objects.filter(year=year).aggregate(v=Max("version"))["v"] or 0
    text = PledgeText.objects.create(
        year=year,
        version=last + 1,
        title=title.strip(),
        body=body.strip(),
        effective_from=effective_from,
        sign_by=sign_by,
        created_by=actor if actor and actor.pk else None,
    )
    record_event(actor, "pledge.text_published", text, year=year, version=text.version)
    return text


def sign(actor: User, *, now: dt.datetime | None = None) -> PledgeSignature:
    """The signed-in staff member signs this year's pledge in force (once a year)."""
    now = now or timezone.now()
    year = now.astimezone(SEOUL).year
    text = current_text(year, now.astimezone(SEOUL).date())
    if text is None:
        raise PledgeError("올해 서명할 청렴서약서가 아직 없습니다.")
    if PledgeSignature.objects.filter(year=year, user=actor).exists():
        raise PledgeError("올해 청렴서약서에 이미 서명했습니다.")
    try:
        with transaction.atomic():
            signature = PledgeSignature.objects.create(
                text=text, year=year, user=actor, unit_id=actor.unit_id, signed_at=now
            )
            record_event(actor, "pledge.signed", signature, year=year, version=text.version)
    except IntegrityError:
        raise PledgeError("올해 청렴서약서에 이미 서명했습니다.") from None
    return signature
