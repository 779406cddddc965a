"""The minutes PDF as a background job (a PDF is never drawn in a request, ADR 0006, ADR 0008)."""

from __future__ import annotations

from django_tasks import task

from gamsa.core import services
from gamsa.core.models import Job
from gamsa.core.pdf import write_document_job
from gamsa.ethics.committee import minutes
from gamsa.ethics.committee.models import Meeting


def start_minutes_pdf(actor, meeting: Meeting) -> Job:
    job = services.create_job(
        actor,
        kind="ethics_minutes_pdf",
        label=f"{meeting.log_label} 회의록 PDF",
        params={"meeting": str(meeting.public_id)},
    )
    minutes_pdf_task.enqueue(job_id=job.pk)
    return job


@task(queue_name="reports")
def minutes_pdf_task(job_id: int) -> dict:
    return write_document_job(
        job_id,
        what="회의록 PDF",
        load=lambda job: Meeting.objects.get(public_id=job.params["meeting"]),
        render=minutes.write_pdf,
        file_name=lambda meeting: minutes.file_name(meeting, "pdf"),
    )
