"""Producing a batch's letters in the background: the merged PDF (progress per chunk of pages), the HWPX, and an
e-mail to every recipient who gave an address (Django's mail framework, one SMTP connection). The job's page shows
the progress bar (core/_job_progress.html)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

from gamsa.core import services as core_services
from gamsa.core.models import AccessLog, Job
from gamsa.integrity.letters import merge
from gamsa.integrity.letters import services as svc
from gamsa.integrity.letters.models import Batch

MAIL_PROGRESS_EVERY = 25


def send_emails(head: merge.Letterhead, people: list, progress=None) -> tuple[list, list]:
    """(sent [(id, when)], failed [(id, reason)]) for the (id, Person) pairs that have an address."""
    targets = [(pk, p) for pk, p in people if p.email]
    sent, failed = [], []
    if not targets:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        for i, (pk, person) in enumerate(targets, start=1):
            message = EmailMessage(
                subject=head.title,
                body=merge.email_text(head, person),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[person.email],
                connection=connection,
            )
            try:
                message.send()
            except Exception as exc:  # noqa: BLE001  one refused address does not stop the others
                failed.append((pk, f"발송 실패: {exc.__class__.__name__}"))
            else:
                sent.append((pk, timezone.now()))
            if progress and (i % MAIL_PROGRESS_EVERY == 0 or i == len(targets)):
                progress(i)
    finally:
        connection.close()
    return sent, failed


def produce(job: Job) -> dict:
    batch = Batch.objects.select_related("template").get(public_id=job.params["batch"])
    head = merge.Letterhead.of(batch.template)
    people = svc.people_of(batch)
    emails = sum(1 for _, p in people if p.email) if batch.send_email else 0
    total = len(people) + emails + 1
    core_services.job_progress(job, done=0, total=total, message="편지를 만드는 중입니다.")
    issued = batch.created_at.astimezone(svc.SEOUL).date()
    pdf = merge.render_pdf(
        head,
        [p for _, p in people],
        issued_on=issued,
        progress=lambda done, _t: core_services.job_progress(job, done=done, message=f"PDF {done:,}쪽"),
    )
    hwpx = merge.render_hwpx(head, [p for _, p in people], issued_on=issued)
    core_services.job_progress(job, done=len(people) + 1, message="한글(HWPX) 파일을 만들었습니다.")
    sent, failed = [], []
    if batch.send_email and emails:
        sent, failed = send_emails(
            head,
            people,
            progress=lambda i: core_services.job_progress(
                job, done=len(people) + 1 + i, message=f"전자우편 {i:,}/{emails:,}통"
            ),
        )
    pdf_file = core_services.store_attachment(
        job.owner,
        data=pdf,
        original_name=f"청렴공한문_{batch.number}.pdf",
        owner=batch,
        max_bytes=max(len(pdf), 1) + 1,
    )
    hwpx_file = core_services.store_attachment(
        job.owner,
        data=hwpx,
        original_name=f"청렴공한문_{batch.number}.hwpx",
        owner=batch,
        max_bytes=max(len(hwpx), 1) + 1,
    )
    svc.record_produced(batch, pdf=pdf_file, hwpx=hwpx_file, sent=sent, failed=failed, actor=job.owner)
    core_services.log_access(
        job.owner,
        batch,
        ["성명", "주소", "우편번호", "업무 구분", "처리 부서", "처리일", "전자우편"],
        action=AccessLog.Action.PRINT,
        count=len(people),
        reason="청렴공한문 편지 만들기(우편·전자우편)",
    )
    return {"pages": len(people), "emailed": len(sent), "email_failed": len(failed), "bytes": len(pdf)}


@task(queue_name="reports")
def produce_letters_task(job_id: int) -> dict:
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        result = produce(job)
    except Exception as exc:
        batch = Batch.objects.filter(public_id=job.params.get("batch")).first()
        if batch is not None:
            svc.record_failed(batch, exc.__class__.__name__)
        core_services.fail_job(job, f"편지를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    core_services.finish_job(
        job,
        result=result,
        message=f"편지 {result['pages']:,}쪽을 만들었습니다"
        + (f", 전자우편 {result['emailed']:,}통 발송" if result["emailed"] else "")
        + (f"(실패 {result['email_failed']:,}통)" if result["email_failed"] else "")
        + ".",
    )
    return result
