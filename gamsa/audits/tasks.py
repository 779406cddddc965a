"""Background work of audits (Tasks API): the card news of a finding as PDF.

A PDF is never drawn in a request: the finding page starts a core Job, this task writes the file as the job's
attachment and the job page shows progress and then the download link (ADR 0006, ADR 0008).
"""

from __future__ import annotations

from django_tasks import task

from gamsa.audits import cardnews
from gamsa.audits.models import Finding
from gamsa.core import services
from gamsa.core.models import Job


def start_card_pdf(actor, finding: Finding) -> Job:
    job = services.create_job(
        actor,
        kind="card_news_pdf",
        label=f"카드뉴스 PDF: {finding.title}"[:200],
        params={"finding": str(finding.public_id)},
    )
    card_pdf_task.enqueue(job_id=job.pk)
    return job


@task(queue_name="reports")
def card_pdf_task(job_id: int) -> dict:
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        services.job_progress(job, done=0, total=2, message="지적사항을 가리는 중입니다.")
        finding = Finding.objects.select_related("engagement", "unit").get(public_id=job.params["finding"])
        services.job_progress(job, done=1, total=2, message="PDF를 만드는 중입니다.")
        content = cardnews.render_pdf(finding)
        attachment = services.store_attachment(
            job.owner, data=content, original_name=f"카드뉴스_{finding.public_id}.pdf", owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"카드뉴스 PDF를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job, result={"bytes": len(content)}, result_file=attachment, message="카드뉴스 PDF를 만들었습니다."
    )
    return {"bytes": len(content)}
