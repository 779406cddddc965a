"""Background work of cost reviews (Tasks API): the review opinion as PDF.

A PDF is never drawn in a request: the page starts a core Job, this task writes the file as the job's attachment and
the job page shows progress and then the download link (ADR 0006, ADR 0008).
"""

from __future__ import annotations

from django_tasks import task

from gamsa.core import services
from gamsa.core.models import Job
from gamsa.core.pdf import write_document_job
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
    return write_document_job(
        job_id,
        what="의견서 PDF",
        load=lambda job: CostReview.objects.select_related("created_by").get(public_id=job.params["review"]),
        render=opinion.write_pdf,
        file_name=lambda review: opinion.file_name(review, "pdf"),
    )
