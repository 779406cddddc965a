"""청렴공한문 writes: template versions, retention rules, a batch from the recipients' file, producing the letters
(PDF, HWPX, e-mail) and deleting the recipients when the retention ends. One Event per write; recipients' names
and addresses never go into an Event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Attachment, User
from gamsa.core.services import next_case_number, record_event
from gamsa.integrity.letters.merge import Letterhead, Person
from gamsa.integrity.letters.models import Batch, BatchStatus, LetterPolicy, LetterTemplate, Recipient
from gamsa.integrity.letters.recipients import Row

DEFAULT_RETENTION_DAYS = 365
TEMPLATE_FIELDS = [f for f in Letterhead.__dataclass_fields__] + ["effective_from"]


class LetterError(ValueError):
    """Korean message."""


def local_today() -> dt.date:
    return timezone.now().astimezone(SEOUL).date()


def current_template(day: dt.date | None = None) -> LetterTemplate | None:
    day = day or local_today()
    return (
        LetterTemplate.objects.filter(effective_from__lte=day).order_by("-effective_from", "-version").first()
    )


def retention_days(day: dt.date | None = None) -> int:
    day = day or local_today()
    policy = LetterPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return policy.retention_days if policy else DEFAULT_RETENTION_DAYS


@transaction.atomic
def publish_template(actor: User | None, **fields) -> LetterTemplate:
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown template fields: {sorted(unknown)}")
    if not (fields.get("title") or "").strip() or not (fields.get("body") or "").strip():
        raise LetterError("제목과 본문을 입력하세요.")
    if not (fields.get("head_name") or "").strip():
        raise LetterError("결미에 들어갈 기관장 성명을 입력하세요.")
    version = (LetterTemplate.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    template = LetterTemplate.objects.create(
        version=version, created_by=actor if actor and actor.pk else None, **fields
    )
    record_event(
        actor, "letters.template_published", template, version=version, effective_from=template.effective_from
    )
    return template


@transaction.atomic
def set_retention(
    actor: User | None, *, effective_from: dt.date, retention_days: int, note: str = ""
) -> LetterPolicy:
    if not 30 <= retention_days <= 3650:
        raise LetterError("보존기간은 30일부터 3,650일까지입니다.")
    policy, _ = LetterPolicy.objects.update_or_create(
        effective_from=effective_from, defaults={"retention_days": retention_days, "note": note}
    )
    record_event(actor, "letters.retention_set", policy, days=retention_days, effective_from=effective_from)
    return policy


@transaction.atomic
def create_batch(
    actor: User | None,
    rows: list[Row],
    *,
    source_name: str = "",
    job=None,
    send_email: bool = True,
    now: dt.datetime | None = None,
) -> Batch:
    now = now or timezone.now()
    template = current_template(now.astimezone(SEOUL).date())
    if template is None:
        raise LetterError("시행 중인 청렴공한문 서식이 없습니다. 먼저 서식을 등록하세요.")
    if not rows:
        raise LetterError("받는 사람이 없습니다.")
    number, _ = next_case_number("integrity_letters", now.astimezone(SEOUL).year, prefix="LT")
    batch = Batch.objects.create(
        number=number,
        template=template,
        source_name=source_name[:200],
        recipient_count=len(rows),
        email_count=sum(1 for r in rows if r.email),
        send_email=send_email,
        import_job=job,
        created_by=actor if actor and actor.pk else None,
        created_at=now,
        purge_after=now.astimezone(SEOUL).date()
        + dt.timedelta(days=retention_days(now.astimezone(SEOUL).date())),
    )
    Recipient.objects.bulk_create(
        [
            Recipient(
                batch=batch,
                position=i,
                name=r.name,
                address=r.address,
                postal_code=r.postal_code,
                business_type=r.business_type,
                handling_unit=r.handling_unit,
                handled_on=r.handled_on,
                email=r.email,
            )
            for i, r in enumerate(rows, start=1)
        ],
        batch_size=2000,
    )
    record_event(
        actor,
        "letters.batch_created",
        batch,
        recipients=len(rows),
        emails=batch.email_count,
        template=template.version,
    )
    return batch


def people_of(batch: Batch) -> list[tuple[int, Person]]:
    return [
        (
            r["pk"],
            Person(
                name=r["name"],
                address=r["address"],
                postal_code=r["postal_code"],
                business_type=r["business_type"],
                handling_unit=r["handling_unit"],
                handled_on=r["handled_on"],
                email=r["email"],
            ),
        )
        for r in batch.recipients.order_by("position").values(
            "pk", "name", "address", "postal_code", "business_type", "handling_unit", "handled_on", "email"
        )
    ]


@transaction.atomic
def mark_producing(actor: User, batch: Batch, job, *, send_email: bool = True) -> Batch:
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.status in (BatchStatus.PRODUCING, BatchStatus.PURGED):
        raise LetterError("이미 만드는 중이거나 개인정보가 삭제된 발송입니다.")
    if batch.status == BatchStatus.PRODUCED and batch.emailed_count and send_email:
        raise LetterError("전자우편을 이미 보냈습니다. 다시 만들 때는 '전자우편도 보내기'를 끄세요.")
    batch.status = BatchStatus.PRODUCING
    batch.produce_job = job
    batch.send_email = send_email
    batch.save(update_fields=["status", "produce_job", "send_email"])
    record_event(actor, "letters.production_started", batch, send_email=send_email)
    return batch


@transaction.atomic
def record_produced(
    batch: Batch, *, pdf: Attachment, hwpx: Attachment, sent: list, failed: list, actor=None
) -> Batch:
    """`sent`: [(recipient id, when)], `failed`: [(recipient id, reason)]."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    for old in (batch.pdf, batch.hwpx):
        if old is not None and old.pk not in (pdf.pk, hwpx.pk):
            _delete_attachment(old)
    for pk, when in sent:
        Recipient.objects.filter(pk=pk).update(emailed_at=when, email_error="")
    for pk, reason in failed:
        Recipient.objects.filter(pk=pk).update(email_error=reason[:200])
    batch.pdf, batch.hwpx = pdf, hwpx
    batch.status = BatchStatus.PRODUCED
    batch.produced_at = timezone.now()
    batch.emailed_count = batch.recipients.filter(emailed_at__isnull=False).count()
    batch.email_failed_count = len(failed)
    batch.save()
    record_event(
        actor,
        "letters.produced",
        batch,
        pages=batch.recipient_count,
        emailed=len(sent),
        email_failed=len(failed),
    )
    return batch


@transaction.atomic
def record_failed(batch: Batch, message: str) -> None:
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED)
    record_event(None, "letters.production_failed", batch, message=message[:200])


def _delete_attachment(attachment: Attachment) -> None:
    name = attachment.file.name
    attachment.delete()
    if name:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the recipients (and the merged PDF/HWPX, which show them) of every batch past its retention. The
    batch keeps its number, counts and dates. Returns how many recipients were deleted."""
    today = (now or timezone.now()).astimezone(SEOUL).date()
    deleted = 0
    for batch_id in Batch.objects.filter(purge_after__lt=today, purged_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            batch = Batch.objects.select_for_update().get(pk=batch_id)
            count, _ = batch.recipients.all().delete()
            for attachment in (batch.pdf, batch.hwpx):
                if attachment is not None:
                    _delete_attachment(attachment)
            batch.pdf = batch.hwpx = None
            batch.status = BatchStatus.PURGED
            batch.purged_at = timezone.now()
            batch.save()
            record_event(None, "letters.purged", batch, recipients=count, purge_after=batch.purge_after)
            deleted += count
    return deleted
