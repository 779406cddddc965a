"""청렴공한문: the recipients' list through the import pipeline, the merge as one PDF (a page per recipient in the
file's order, read back with pdftotext) and HWPX (checked as XML), e-mail through a real local SMTP server,
the access log, retention, and the command line."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from gamsa.core.models import AccessLog, Event, Job
from gamsa.integrity.letters import merge
from gamsa.integrity.letters import services as svc
from gamsa.integrity.letters.models import Batch, BatchStatus, Recipient
from gamsa.integrity.tests.helpers import RECIPIENT_HEADER, recipient_rows, upload, user, xlsx


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def pdf_pages(data: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture
def template(demo, isolated_settings):
    first = svc.current_template()
    fields = {f: getattr(first, f) for f in svc.TEMPLATE_FIELDS if f != "effective_from"}
    return svc.publish_template(
        user("leader"), **{**fields, "head_name": "최영등", "effective_from": first.effective_from}
    )


def test_bad_recipient_rows_by_line_nothing_registered(
    client, as_user, template, settings, django_capture_on_commit_callbacks
):
    data = xlsx([
        RECIPIENT_HEADER,
        ["홍길동", "서울특별시 영등포구 당산로 1", "07260", "건축 인허가", "건축과", "2026-10-01", ""],
        ["", "주소", "7260", "영업", "위생과", "2026-10-02", "not-an-address"],
        ["김민수", "주소", "123", "영업", "", "언제", ""],
    ])  # fmt: skip
    as_user("auditor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/integrity/letters/upload/", {"file": upload(data, "명단.xlsx")})
    page = client.get(response["Location"]).content.decode()
    assert "3행" in page and "4행" in page and "2행" not in page.split("import-errors")[1]
    assert (
        "성명이 비어" in page
        and "전자우편" in page
        and "우편번호" in page
        and "처리 부서" in page
        and "처리일" in page
    )
    assert not Batch.objects.exists() and not Recipient.objects.exists()
    assert not list((Path(settings.MEDIA_ROOT) / "imports").rglob("*.upload"))


def test_mail_merge_pdf_hwpx_and_email_through_smtp(
    client,
    as_user,
    template,
    smtp_server,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.GAMSA_LETTERS_PROCESSES = 2
    rows = [RECIPIENT_HEADER] + [
        [f"수신자{i:03d}", f"서울특별시 영등포구 당산로 {i + 1}", "7260", "건축 인허가", "건축과", "2026-10-01",
         f"r{i}@example.com" if i % 3 == 0 else ""]
        for i in range(120)
    ]  # fmt: skip
    as_user("auditor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/integrity/letters/upload/", {"file": upload(xlsx(rows), "명단.xlsx")})
    batch = Batch.objects.get()
    assert batch.recipient_count == 120 and batch.email_count == 40
    assert set(batch.recipients.values_list("postal_code", flat=True)) == {"07260"}  # a dropped 0 restored
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/integrity/letters/{batch.number}/produce/", {"send_email": "on"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PRODUCED and batch.emailed_count == 40
    job = Job.objects.get(kind="integrity_letters_produce")
    assert job.status == Job.Status.DONE and job.done == job.total and "120쪽" in job.message
    pdf = batch.pdf.file.read()
    assert pdf_pages(pdf) == 120
    text = pdf_text(pdf)
    order = [int(n) for n in re.findall(r"수신자(\d{3}) 귀하", text)]
    assert order == list(range(120))  # one page each, in the file's order
    assert "영등포구청장 최영등" in text and "2026. 10. 1. 건축과에서 처리하신 건축 인허가" in text
    with zipfile.ZipFile(io.BytesIO(batch.hwpx.file.read())) as z:
        assert z.read("mimetype") == b"application/hwp+zip"
        section = z.read("Contents/section0.xml").decode()
    assert section.count('pageBreak="1"') == 119 and "수신자119 귀하" in section
    assert len(smtp_server.envelopes) == 40
    first = smtp_server.envelopes[0]
    assert first.rcpt_tos == ["r0@example.com"]
    body = first.content.decode("utf-8", "replace")
    assert "청렴한 영등포를 위한 협조 요청" in body or "=?utf-8?" in body.lower()
    log = AccessLog.objects.get(action=AccessLog.Action.PRINT)
    assert log.record_count == 120 and log.target_id == batch.number
    # no name or address in the event log
    dump = " ".join(str(e.details) + e.target_label for e in Event.objects.all())
    assert "수신자0" not in dump and "당산로 1" not in dump
    # reading the recipients is logged; downloading the PDF too
    client.get(f"/integrity/letters/{batch.number}/recipients/")
    assert AccessLog.objects.filter(action="view", target_id=batch.number).count() == 1
    assert client.get(f"/files/{batch.pdf.public_id}/").status_code == 200
    as_user("council")
    assert client.get(f"/files/{batch.pdf.public_id}/").status_code == 404
    # producing again with e-mail refuses to mail twice
    as_user("auditor")
    response = client.post(f"/integrity/letters/{batch.number}/produce/", {"send_email": "on"})
    assert len(smtp_server.envelopes) == 40


def test_retention_deletes_recipients_and_files_but_keeps_counts(
    template, settings, django_capture_on_commit_callbacks
):
    svc.set_retention(user("leader"), effective_from=timezone.localdate(), retention_days=30)
    batch = svc.create_batch(user("leader"), recipient_rows(5))
    assert (batch.purge_after - timezone.localdate()).days == 30
    pdf = merge.render_pdf(
        merge.Letterhead.of(batch.template),
        [p for _, p in svc.people_of(batch)],
        issued_on=timezone.localdate(),
        processes=1,
    )
    from gamsa.core.services import store_attachment

    batch.pdf = store_attachment(user("leader"), data=pdf, original_name="a.pdf", owner=batch)
    batch.save()
    path = Path(batch.pdf.file.path)
    assert svc.purge_expired() == 0
    Batch.objects.filter(pk=batch.pk).update(purge_after=timezone.localdate() - timezone.timedelta(days=1))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_logs", stdout=out)
    assert "청렴공한문 받는 사람 5명" in out.getvalue()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PURGED and batch.recipient_count == 5 and batch.pdf is None
    assert not Recipient.objects.exists() and not path.exists()
    assert Event.objects.filter(verb="letters.purged").count() == 1


def test_command_line_merges_in_file_order_and_prints_progress(template, tmp_path):
    rows = [RECIPIENT_HEADER] + [
        [f"명령{i:02d}", "서울 영등포구", "07260", "영업 신고", "위생과", "2026-09-01", ""] for i in range(60)
    ]
    source = tmp_path / "recipients.xlsx"
    source.write_bytes(xlsx(rows))
    out = io.StringIO()
    call_command(
        "integrity",
        "letters",
        str(source),
        "--out",
        str(tmp_path / "letters.pdf"),
        "--processes",
        "1",
        stdout=out,
    )
    printed = out.getvalue()
    assert "50/60쪽" in printed and "60/60쪽 (100%)" in printed and "60쪽을 저장했습니다" in printed
    data = (tmp_path / "letters.pdf").read_bytes()
    assert pdf_pages(data) == 60
    assert [int(n) for n in re.findall(r"명령(\d{2}) 귀하", pdf_text(data))] == list(range(60))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsx([RECIPIENT_HEADER, ["", "", "", "", "", "", ""], ["이름", "주소", "1", "업무", "부서", "x", ""]])
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="잘못된 행 1개"):
        call_command(
            "integrity",
            "letters",
            str(bad),
            "--out",
            str(tmp_path / "x.pdf"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
