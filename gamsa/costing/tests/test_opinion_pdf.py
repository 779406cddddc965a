"""The review opinion (심사 의견서) as PDF: made in a background job from the page, or by `gamsa costing review
FILE --pdf OUT.pdf --hwpx OUT.hwpx`; its text is read back and page 1 drawn."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gamsa.core.models import Attachment, Event, Job, User
from gamsa.core.tests.pdfcheck import MINISTRY, assert_page_one_drawn, assert_reads, page_count
from gamsa.costing import opinion, services
from gamsa.costing.engine.samples import SHEET_2026
from gamsa.costing.models import CostReview

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "costing" / "sample-sheet.xlsx"


def expected_strings(review: CostReview) -> list[str]:
    """What a reader must find in the opinion: the head, every line's label and amounts (with commas), the sources."""
    ctx = opinion.opinion_context(review)
    totals = ctx["totals"]
    strings = [
        "원가계산 제비율 심사 의견서",
        "공사명",
        review.title,
        "신고 금액",
        "인정 금액",
        f"{totals['stated_total']:,}원",
        f"{totals['allowed_total']:,}원",
        f"{totals['savings']:,}원",
        "1. 조정 내역",
        "2. 비목별 대비표",
    ]
    for line in ctx["lines"]:
        strings += [line["label"], f"{line['stated_amount']:,}", f"{line['allowed_amount']:,}"]
    for line in ctx["findings"]:
        strings.append(
            f"신고 {line['stated_pct']} {line['stated_amount']:,}원 → 인정 {line['allowed_pct']} "
            f"{line['allowed_amount']:,}원"
        )
    return strings


def test_page_button_makes_the_pdf_in_a_job_and_it_reads_back(login, tmp_path):
    client = login("auditor")
    with open(SAMPLE, "rb") as fh:
        client.post("/costing/new/", {"title": "", "file": fh, "sheet_json": ""})
    review = CostReview.objects.get()
    detail = client.get(f"/costing/{review.public_id}/").content.decode()
    assert f'action="/costing/{review.public_id}/opinion/pdf/"' in detail  # a button that starts the job

    started = client.post(f"/costing/{review.public_id}/opinion/pdf/")
    job = Job.objects.get(kind="cost_opinion_pdf")
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.public_id}/"
    assert job.owner.username == "auditor" and job.status == Job.Status.DONE, job.message
    assert (job.done, job.total) == (2, 2)
    page = client.get(started["Location"]).content.decode()
    download = f"/files/{job.result_file.public_id}/"
    assert "100%" in page and download in page and "내려받기" in page

    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert review.title == "○○동 주민센터 리모델링 공사"  # the mask character, in the title
    text = assert_reads(pdf, *expected_strings(review), MINISTRY, "산업안전보건관리비 계상 및 사용기준")
    assert "계사명" not in text and "고용노노부" not in text
    assert page_count(pdf) == 2
    assert_page_one_drawn(pdf, tmp_path / "opinion-1.png")


@pytest.mark.parametrize("username", ["complaints", "investigator", "citizen", "admin"])
def test_nobody_else_can_start_the_pdf_and_nothing_changes(login, username):
    review = services.review_sheet(User.objects.get(username="auditor"), copy.deepcopy(SHEET_2026), title="t")
    client = login(username)
    before = (Job.objects.count(), Event.objects.count(), Attachment.objects.count())
    assert client.post(f"/costing/{review.public_id}/opinion/pdf/").status_code == 404
    assert (Job.objects.count(), Event.objects.count(), Attachment.objects.count()) == before


def test_a_plain_get_starts_nothing(login):
    review = services.review_sheet(User.objects.get(username="auditor"), copy.deepcopy(SHEET_2026), title="t")
    client = login("auditor")
    assert client.get(f"/costing/{review.public_id}/opinion/pdf/").status_code == 405
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_command_line_writes_pdf_and_hwpx(tmp_path):
    pdf_out, hwpx_out = tmp_path / "의견서.pdf", tmp_path / "의견서.hwpx"
    out = io.StringIO()
    call_command("costing", "review", str(SAMPLE), "--pdf", str(pdf_out), "--hwpx", str(hwpx_out), stdout=out)
    said = out.getvalue()
    assert f"심사 의견서(PDF)를 {pdf_out}에 저장했습니다" in said and "절감액 6,260,000원" in said
    assert not CostReview.objects.exists()  # without --save nothing is stored

    review = services.build_review(None, json.loads((SAMPLE.with_suffix(".json")).read_text()))
    pdf = pdf_out.read_bytes()
    assert_reads(pdf, *expected_strings(review), MINISTRY, "심사: 시스템")
    assert page_count(pdf) == 2
    assert_page_one_drawn(pdf, tmp_path / "cli-1.png")
    with zipfile.ZipFile(hwpx_out) as zf:
        body = zf.read("Contents/section0.xml").decode()
    assert "공사명: ○○동 주민센터 리모델링 공사" in body and MINISTRY in body and "6,260,000원" in body


def test_command_line_saves_and_writes_with_json_on_stdout(demo, tmp_path):
    pdf_out = tmp_path / "saved.pdf"
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "costing",
        "review",
        str(SAMPLE),
        "--json",
        "--save",
        "--user",
        "auditor",
        "--pdf",
        str(pdf_out),
        stdout=out,
        stderr=err,
    )
    json.loads(out.getvalue())  # stdout stays pure JSON
    assert "저장했습니다" in err.getvalue()
    review = CostReview.objects.get()
    assert_reads(pdf_out.read_bytes(), *expected_strings(review))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("flag", "name", "message"),
    [
        ("--pdf", "opinion.txt", ".pdf로 끝나는"),
        ("--hwpx", "opinion.pdf", ".hwpx로 끝나는"),
        ("--pdf", "missing-folder/opinion.pdf", "폴더가 없습니다"),
    ],
)
def test_command_line_refuses_bad_output_names_before_working(tmp_path, flag, name, message):
    with pytest.raises(CommandError) as info:
        call_command("costing", "review", str(SAMPLE), flag, str(tmp_path / name), stdout=io.StringIO())
    assert message in str(info.value)
    assert list(tmp_path.iterdir()) == []
