"""Background work of cost reviews (Tasks API): the review opinion as PDF.

A PDF is never drawn in a request: the page starts a core Job, this task writes the file as the job's attachment and
the job page shows progress and then the download link (ADR 0006, ADR 0008).
"""

from __future__ import annotations

from django_tasks import task

from gamsa.core import services
from gamsa.core.models import Job
from gamsa.costing import opinion
from gamsa.costing.models import CostReview


def start_opinion_pdf(actor, review: CostReview) -> Job:
    """Queue the opinion PDF of a review; returns the job whose page shows progress and the download."""
    job = services.create_job(
        actor,
        kind="cost_opinion_pdf",
        label=f"제비율 심사 의견서 PDF: {review.title}"[:200],
        params={"review": str(review.public_id)},
    )
    opinion_pdf_task.enqueue(job_id=job.pk)
    return job


@task(queue_name="reports")
def opinion_pdf_task(job_id: int) -> dict:
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        services.job_progress(job, done=0, total=2, message="의견서 내용을 모으는 중입니다.")
        review = CostReview.objects.select_related("created_by").get(public_id=job.params["review"])
        services.job_progress(job, done=1, total=2, message="PDF를 만드는 중입니다.")
        content = opinion.write_pdf(review)
        attachment = services.store_attachment(
            job.owner, data=content, original_name=opinion.file_name(review, "pdf"), owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"의견서 PDF를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job, result={"bytes": len(content)}, result_file=attachment, message="의견서 PDF를 만들었습니다."
    )
    return {"bytes": len(content)}
