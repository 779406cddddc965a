"""Every write of the notices app: scheduling after a case's commit, the send with its retries, the citizen's
channel and consent, staff preferences, template versions and the daily overdue reminders.

Nothing here logs a phone number, an address, a name or a text: log lines name the delivery's public id, its kind
and channel, and an error code. A secret value (the status PIN) never rests in clear: the stored text keeps its
mark, the variables its sealed form, and the sender fills it in on the way out (rendering.SECRET_MARKS).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gamsa.core import sealing
from gamsa.core.calendar import SEOUL
from gamsa.core.notices import providers, rendering, targets
from gamsa.core.notices.models import (
    CITIZEN_KINDS,
    Channel,
    CitizenChoice,
    Delivery,
    Kind,
    NoticeTemplate,
    StaffNoticePreference,
    Status,
)
from gamsa.core.services import record_event, target_ref

logger = logging.getLogger(__name__)

CONSENT_VERSION = "2026-1"
# A claim older than this is taken for a worker that died mid-send; `gamsa notices retry` sends it again.
STALE_CLAIM = dt.timedelta(minutes=10)


class NoticeError(Exception):
    """A choice or a template the user can fix (Korean message)."""


# --- scheduling ------------------------------------------------------------------------------------------------


def schedule(kind: str, obj, **extra) -> None:
    """Called inside a case's service: once the transaction commits, the notice of `kind` about `obj` is
    written for each recipient and its sending queued. A rolled-back write sends nothing."""
    target_type, target_id, _ = target_ref(obj)
    transaction.on_commit(
        partial(_dispatch_safely, str(kind), target_type, target_id, _plain(extra)), robust=True
    )


def _plain(extra: dict) -> dict:
    out = {}
    for key, value in extra.items():
        if hasattr(value, "pk"):
            value = value.pk
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = [getattr(v, "pk", v) for v in value]
        out[key] = value
    return out


def _dispatch_safely(kind: str, target_type: str, target_id: str, extra: dict) -> None:
    try:
        dispatch(kind, target_type, target_id, extra)
    except Exception:
        # The case is saved; the notice is not. Its kind and case number only: never who or what.
        logger.exception("notice dispatch failed: kind=%s target=%s %s", kind, target_type, target_id)


def template_for(kind: str, day: dt.date) -> NoticeTemplate | None:
    return (
        NoticeTemplate.objects.filter(kind=kind, effective_from__lte=day)
        .order_by("-effective_from", "-id")
        .first()
    )


def _address(channel: str, *, phone: str, email: str) -> tuple[str, str]:
    if channel == Channel.EMAIL:
        return (email, rendering.mask_email(email)) if email else ("", "")
    return (phone, rendering.mask_phone(phone)) if phone else ("", "")


@transaction.atomic
def dispatch(
    kind: str,
    target_type: str,
    target_id: str,
    extra: dict | None = None,
    *,
    users: list | None = None,
    dedupe_day: dt.date | None = None,
    now: dt.datetime | None = None,
) -> list[Delivery]:
    """Write the deliveries of one notice (one per recipient) and queue their sending after this commit."""
    extra = dict(extra or {})
    users = users if users is not None else extra.pop("users", None)
    now = now or timezone.now()
    target = targets.resolve(target_type, target_id, kind, extra)
    if target is None:
        return []
    recipients: list[tuple[str, str, object | None]] = []  # (channel, address, user)
    if kind in CITIZEN_KINDS:
        choice = CitizenChoice.objects.filter(target_type=target_type, target_id=target_id).first()
        if choice is None or not choice.consent or choice.channel == Channel.NONE or target.citizen is None:
            return []
        recipients.append((choice.channel, "", None))
    else:
        from gamsa.core.models import User

        people = users if users is not None else target.staff
        people = [u if isinstance(u, User) else User.objects.get(pk=u) for u in people]
        prefs = dict(StaffNoticePreference.objects.filter(user__in=people).values_list("user_id", "channel"))
        for person in people:
            channel = prefs.get(person.pk, Channel.EMAIL)
            if channel != Channel.NONE and person.is_active:
                recipients.append((channel, "", person))
    if not recipients:
        return []
    template = template_for(kind, now.astimezone(SEOUL).date())
    created = []
    for channel, _, person in recipients:
        if person is not None:
            address, masked = _address(channel, phone=person.phone, email=person.email)
            values = target.values | {"받는분": person.display_name}
            dedupe = f"{kind}:{target_type}:{target_id}:{person.pk}:{dedupe_day}" if dedupe_day else ""
        else:
            address, masked = _address(channel, phone=target.citizen.phone, email=target.citizen.email)
            values, dedupe = target.values, ""
        if dedupe and Delivery.objects.filter(dedupe_key=dedupe).exists():
            continue
        secrets = target.secrets if person is None else {}
        body = (
            rendering.render(_with_secret_lines(template.body, secrets), values, keep=secrets)
            if template
            else ""
        )
        if channel != Channel.EMAIL:
            body = rendering.for_text_message(body)
        delivery = Delivery(
            kind=kind,
            channel=channel,
            target_type=target_type,
            target_id=target_id,
            recipient_user=person,
            recipient=address,
            recipient_masked=masked or "연락처 없음",
            subject=rendering.render(template.subject, values)[:120] if template else "",
            body=body,
            kakao_template_id=template.kakao_template_id if template and channel == Channel.KAKAO else "",
            variables=(
                {k: v for k, v in values.items() if k in rendering.marks(template.body)}
                | {k: sealing.seal(v, rendering.SEAL_PURPOSE) for k, v in secrets.items()}
            )
            if template
            else {},
            template=template,
            dedupe_key=dedupe,
        )
        if not address or template is None:
            delivery.status, delivery.failed_at = Status.FAILED, now
            delivery.last_error = "no_address" if not address else "no_template"
        try:
            with transaction.atomic():
                delivery.save()
        except IntegrityError:  # the same reminder written by a concurrent run
            continue
        created.append(delivery)
    if created:
        record_event(
            None,
            "notice.queued",
            target.obj,
            kind=kind,
            channels=sorted({d.channel for d in created}),
            count=len(created),
        )
        for d in created:
            if d.status == Status.QUEUED:
                transaction.on_commit(partial(_enqueue, d.pk), robust=True)
    return created


def _with_secret_lines(body: str, secrets: dict) -> str:
    """A secret the template does not place (an older or edited wording) still reaches the citizen: its line is
    appended."""
    placed = set(rendering.marks(body))
    extra = [rendering.SECRET_LINES[name] for name in secrets if name not in placed]
    return "\n".join([body, *extra]) if extra else body


def _unsealed(delivery: Delivery) -> dict[str, str]:
    """The delivery's secret values in clear, for the provider only (never saved, never logged)."""
    found = {}
    for name, value in (delivery.variables or {}).items():
        if sealing.is_sealed(value):
            found[name] = sealing.unseal(value, rendering.SEAL_PURPOSE) or ""
    return found


def _enqueue(delivery_id: int, run_after: dt.datetime | None = None) -> None:
    from gamsa.core.notices.tasks import send_notice

    task = send_notice
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # this backend cannot wait: `gamsa notices retry` sends it when it falls due
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id=delivery_id)


# --- sending ---------------------------------------------------------------------------------------------------


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed try: 1, 5, 25 minutes by default (the last one repeats)."""
    minutes = settings.GAMSA_NOTICE_RETRY_MINUTES
    return dt.timedelta(minutes=minutes[min(attempts, len(minutes)) - 1])


def send_delivery(delivery_id: int, *, now: dt.datetime | None = None) -> str | None:
    """Try one delivery that is due. Returns its new status, or None when it was not ours to send (sent,
    failed for good, not yet due, or claimed by another worker)."""
    now = now or timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_id, status=Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Status.SENDING, claimed_at=now)
    )
    if not claimed:
        return None
    delivery = Delivery.objects.get(pk=delivery_id)
    reference = str(delivery.public_id)
    secrets = _unsealed(delivery)
    body = rendering.fill_secrets(delivery.body, secrets)
    try:
        if delivery.channel == Channel.EMAIL:
            sent = providers.send_email(
                to=delivery.recipient, subject=delivery.subject, body=body, reference=reference
            )
        else:
            sent = providers.text_provider().send(
                providers.TextMessage(
                    to=delivery.recipient,
                    text=body,
                    subject=delivery.subject,
                    kakao_template_id=delivery.kakao_template_id,
                    variables=(delivery.variables or {}) | secrets,
                    reference=reference,
                )
            )
    except providers.SendError as exc:
        return _record_failure(delivery, exc.code, retry=exc.retry, now=now)
    except Exception as exc:  # a fault of ours or of a library: counted like a provider failure
        return _record_failure(delivery, f"error:{type(exc).__name__}", retry=True, now=now)
    return _record_success(delivery, sent, now=now)


@transaction.atomic
def _record_success(delivery: Delivery, sent: providers.Sent, *, now: dt.datetime) -> str:
    delivery.status = Status.SENT
    delivery.attempts += 1
    delivery.sent_at = now
    delivery.next_attempt_at = None
    delivery.provider_message_id = sent.message_id[:120]
    delivery.sent_as = sent.sent_as[:10]
    # A secret (the status PIN) is kept sealed only until it has gone: then even the sealed copy is wiped.
    delivery.variables = {
        k: rendering.WIPED if sealing.is_sealed(v) else v for k, v in (delivery.variables or {}).items()
    }
    delivery.save(
        update_fields=[
            "status",
            "attempts",
            "sent_at",
            "next_attempt_at",
            "provider_message_id",
            "sent_as",
            "variables",
        ]
    )
    record_event(
        None,
        "notice.sent",
        delivery,
        kind=delivery.kind,
        channel=delivery.channel,
        attempts=delivery.attempts,
    )
    logger.info(
        "notice %s sent (%s, %s, try %d)",
        delivery.public_id,
        delivery.kind,
        delivery.channel,
        delivery.attempts,
    )
    return Status.SENT


@transaction.atomic
def _record_failure(delivery: Delivery, code: str, *, retry: bool, now: dt.datetime) -> str:
    delivery.attempts += 1
    delivery.last_error = code[:60]
    if retry and delivery.attempts < settings.GAMSA_NOTICE_MAX_ATTEMPTS:
        delivery.status = Status.QUEUED
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        verb = "notice.retry_scheduled"
        transaction.on_commit(partial(_enqueue, delivery.pk, delivery.next_attempt_at), robust=True)
    else:
        delivery.status = Status.FAILED
        delivery.next_attempt_at = None
        delivery.failed_at = now
        verb = "notice.failed"
    delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "failed_at"])
    record_event(
        None,
        verb,
        delivery,
        kind=delivery.kind,
        channel=delivery.channel,
        attempts=delivery.attempts,
        error=code,
    )
    logger.warning(
        "notice %s try %d failed: %s (%s)",
        delivery.public_id,
        delivery.attempts,
        code,
        delivery.get_status_display(),
    )
    return delivery.status


def retry_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every delivery that is due: retries whose wait is over, and sends whose task or worker was lost."""
    now = now or timezone.now()
    stale = Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    for delivery in stale:
        _release(delivery, now)
    lost_before = now - STALE_CLAIM
    due = Delivery.objects.filter(status=Status.QUEUED).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=lost_before)
    )
    counts = {Status.SENT: 0, Status.QUEUED: 0, Status.FAILED: 0}
    for pk in due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:5000]:
        outcome = send_delivery(pk, now=now)
        if outcome:
            counts[outcome] += 1
    return {"sent": counts[Status.SENT], "retrying": counts[Status.QUEUED], "failed": counts[Status.FAILED]}


@transaction.atomic
def _release(delivery: Delivery, now: dt.datetime) -> None:
    updated = Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.QUEUED, next_attempt_at=now
    )
    if updated:
        record_event(None, "notice.released", delivery, kind=delivery.kind, attempts=delivery.attempts)


@transaction.atomic
def resend(actor, delivery: Delivery) -> Delivery:
    """Staff send a failed notice once more (after fixing the contact or the provider)."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != Status.FAILED:
        raise NoticeError("발송에 실패한 통지만 다시 보낼 수 있습니다.")
    if not delivery.recipient:
        raise NoticeError("받는 사람의 연락처가 없어 다시 보낼 수 없습니다. 연락처를 먼저 고치세요.")
    delivery.status, delivery.next_attempt_at, delivery.failed_at = Status.QUEUED, None, None
    delivery.attempts = 0
    delivery.save(update_fields=["status", "next_attempt_at", "failed_at", "attempts"])
    record_event(actor, "notice.resend", delivery, kind=delivery.kind, channel=delivery.channel)
    transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)
    return delivery


# --- reminders -------------------------------------------------------------------------------------------------


def remind_overdue(*, now: dt.datetime | None = None) -> int:
    """기한 지남 알림: one reminder per overdue case, handler and day, whatever how often this runs. Reminders go
    out on working days only (the legal calendar's holidays, 대체공휴일 included): a case due before 설날 is
    reminded on the first working day after it, not during the holiday."""
    from gamsa.core.calendar import get_calendar

    now = now or timezone.now()
    today = now.astimezone(SEOUL).date()
    if not get_calendar().is_working_day(today):
        return 0
    written = 0
    for source in targets.overdue_sources():
        for obj, users in source(now):
            target_type, target_id, _ = target_ref(obj)
            written += len(
                dispatch(
                    Kind.OVERDUE,
                    target_type,
                    target_id,
                    {"as_of": now.isoformat()},
                    users=list(users),
                    dedupe_day=today,
                    now=now,
                )
            )
    return written


# --- choices, preferences, templates ----------------------------------------------------------------------------


@transaction.atomic
def record_choice(
    actor, obj, *, channel: str, consent: bool, how: str = "", now: dt.datetime | None = None
) -> CitizenChoice:
    """The complainant's channel for one case and the consent to use the contact for it."""
    if channel not in Channel.values:
        raise NoticeError("통지 받을 방법을 목록에서 고르세요.")
    if channel != Channel.NONE and not consent:
        raise NoticeError("문자·알림톡·전자우편으로 받으려면 연락처 수집·이용에 동의해야 합니다.")
    target_type, target_id, _ = target_ref(obj)
    choice, _ = CitizenChoice.objects.update_or_create(
        target_type=target_type,
        target_id=target_id,
        defaults={
            "channel": channel,
            "consent": bool(consent) and channel != Channel.NONE,
            "consent_version": CONSENT_VERSION if consent else "",
            "recorded_at": now or timezone.now(),
            "recorded_by": actor if actor and actor.pk else None,
            "how": how[:100],
        },
    )
    record_event(actor, "notice.channel_chosen", obj, channel=channel, consent=choice.consent, how=how[:100])
    return choice


@transaction.atomic
def set_preference(user, *, channel: str) -> StaffNoticePreference:
    if channel not in Channel.values:
        raise NoticeError("알림 받을 방법을 목록에서 고르세요.")
    pref, _ = StaffNoticePreference.objects.update_or_create(user=user, defaults={"channel": channel})
    record_event(user, "notice.preference_changed", user, channel=channel)
    return pref


@transaction.atomic
def create_template(
    actor,
    *,
    kind: str,
    effective_from: dt.date,
    subject: str,
    body: str,
    kakao_template_id: str = "",
    note: str = "",
) -> NoticeTemplate:
    """A new version of a kind's wording from `effective_from` on (earlier notices keep the wording they had)."""
    if kind not in Kind.values:
        raise NoticeError("통지 종류를 목록에서 고르세요.")
    if not subject.strip() or not body.strip():
        raise NoticeError("제목과 내용을 모두 입력하세요.")
    unknown = rendering.unknown_marks(kind, subject, body)
    if unknown:
        allowed = ", ".join(f"#{{{v}}}" for v in rendering.VARIABLES[kind])
        raise NoticeError(
            f"이 통지에 쓸 수 없는 항목이 있습니다: {', '.join('#{' + u + '}' for u in unknown)}. "
            f"쓸 수 있는 항목: {allowed}"
        )
    template = NoticeTemplate.objects.create(
        kind=kind,
        effective_from=effective_from,
        subject=subject.strip(),
        body=body.strip(),
        kakao_template_id=kakao_template_id.strip(),
        note=note.strip(),
        created_by=actor if actor and actor.pk else None,
    )
    record_event(actor, "notice_template.created", template, kind=kind, effective_from=effective_from)
    return template
