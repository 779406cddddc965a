"""The retiree's guidance card as PDF, as a background job (a PDF is never drawn in a request, ADR 0008)."""

from __future__ import annotations

from django_tasks import task

from gamsa.core import services
from gamsa.core.board.cards import card_pdf
from gamsa.core.models import Job
from gamsa.core.pdf import write_document_job
from gamsa.ethics.restrictions.cards import KINDS, restriction_card
from gamsa.ethics.restrictions.models import Restriction


def start_card_pdf(actor, restriction: Restriction, kind: str) -> Job:
    job = services.create_job(
        actor,
        kind="ethics_restriction_card_pdf",
        label=f"{KINDS[kind]} PDF",
        params={"restriction": str(restriction.public_id), "card": kind},
    )
    card_pdf_task.enqueue(job_id=job.pk)
    return job


@task(queue_name="reports")
def card_pdf_task(job_id: int) -> dict:
    return write_document_job(
        job_id,
        what="안내 카드뉴스 PDF",
        load=lambda job: (
            Restriction.objects.select_related("declarant").get(public_id=job.params["restriction"]),
            job.params["card"],
        ),
        render=lambda record: card_pdf(restriction_card(*record)),
        file_name=lambda record: f"{KINDS[record[1]]}.pdf",
    )
