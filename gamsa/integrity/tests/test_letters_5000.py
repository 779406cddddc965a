"""The issue's scale, end to end in a test: 5,000 recipients → one merged PDF (5,000 pages in the file's order) and
an e-mail to each of the 1,000 with an address, through a real local SMTP server (aiosmtpd). The speed of the same
merge is measured in bench/letters.py, not here."""

from __future__ import annotations

import re
import subprocess

from gamsa.core import services as core
from gamsa.integrity.letters import services as svc
from gamsa.integrity.letters.models import BatchStatus
from gamsa.integrity.letters.tasks import produce_letters_task
from gamsa.integrity.tests.helpers import recipient_rows, user


def page_text(pdf: bytes, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_five_thousand_letters_one_pdf_and_a_thousand_emails(
    demo, isolated_settings, smtp_server, django_capture_on_commit_callbacks
):
    batch = svc.create_batch(user("leader"), recipient_rows(5000, email_every=5))
    job = core.create_job(
        user("leader"), kind="integrity_letters_produce", label="x", params={"batch": str(batch.public_id)}
    )
    svc.mark_producing(user("leader"), batch, job, send_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        produce_letters_task.enqueue(job_id=job.pk)
    batch.refresh_from_db()
    assert (
        batch.status == BatchStatus.PRODUCED and batch.emailed_count == 1000 and batch.email_failed_count == 0
    )
    pdf = batch.pdf.file.read()
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Pages:\s+5000\b", info)
    for page in (1, 2, 2501, 5000):
        assert f"수신자{page - 1:04d} 귀하" in page_text(pdf, page)
    assert len(smtp_server.envelopes) == 1000
    assert sorted(e.rcpt_tos[0] for e in smtp_server.envelopes) == sorted(
        f"r{i}@example.com" for i in range(0, 5000, 5)
    )
