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
from gamsa.core.pdf import write_document_job


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
    return write_document_job(
        job_id,
        what="카드뉴스 PDF",
        load=lambda job: Finding.objects.select_related("engagement", "unit").get(
            public_id=job.params["finding"]
        ),
        render=cardnews.render_pdf,
        file_name=lambda finding: f"카드뉴스_{finding.public_id}.pdf",
    )
