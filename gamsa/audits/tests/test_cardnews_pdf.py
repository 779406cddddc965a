"""Card news PDF: made in a background job from the finding page; its text is read back (masked names, amounts
with commas, a ministry's name) and page 1 drawn."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.audits import cardnews
from gamsa.audits.services import findings as fsvc
from gamsa.audits.tests.helpers import engagement, unit, user
from gamsa.core.models import Attachment, Event, Job
from gamsa.core.tests.pdfcheck import AMOUNT, MINISTRY, assert_page_one_drawn, assert_reads, pdf_text

pytestmark = pytest.mark.django_db


def key_finding():
    e = engagement(state="resulting", start=dt.date(2026, 6, 15))
    target = unit("건설과")
    return fsvc.record_finding(
        user("leader"),
        e,
        title="일용직 노무비 과다 지급",
        condition=f"주무관 홍길동이 {MINISTRY} 고시 단가보다 높게 노무비를 지급함.",
        criteria=f"{MINISTRY} 고시 제2025-12호",
        unit=target,
        responsible_person="홍길동",
        is_key=True,
        disposition={
            "kind": "correction",
            "target_unit": target,
            "demand": "과다 지급액 회수",
            "amount_recover": 1_234_567,
            "amount_reduce": 0,
        },
    )


def test_card_pdf_job_reads_back_masked(client, login, demo, tmp_path):
    finding = key_finding()
    card = cardnews.card_context(finding)
    assert card["responsible"] == "홍○○" and "홍○○" in card["condition"]
    login("auditor")
    page = client.get(f"/audits/findings/{finding.public_id}/").content.decode()
    assert f'action="/audits/findings/{finding.public_id}/card/pdf/"' in page

    started = client.post(f"/audits/findings/{finding.public_id}/card/pdf/")
    job = Job.objects.get(kind="card_news_pdf")
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.public_id}/"
    assert job.status == Job.Status.DONE, job.message
    response = client.get(f"/files/{job.result_file.public_id}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert_reads(
        pdf,
        "감사 주요 지적사례",
        "일용직 노무비 과다 지급",
        card["condition"],
        f"{MINISTRY} 고시 제2025-12호",
        f"과다 지급액 회수 ({AMOUNT})",
        f"회수·추징 요구액 {AMOUNT}",
        "건설과 · 감사담당관 · 개인정보는 가렸습니다",
    )
    assert "홍길동" not in pdf_text(pdf)
    assert_page_one_drawn(pdf, tmp_path / "card-1.png", minimum=0.05)


def test_card_pdf_denied_starts_nothing(client, login, demo):
    finding = key_finding()
    login("liaison")
    before = (Job.objects.count(), Event.objects.count(), Attachment.objects.count())
    assert client.post(f"/audits/findings/{finding.public_id}/card/pdf/").status_code == 404
    assert (Job.objects.count(), Event.objects.count(), Attachment.objects.count()) == before
    client.logout()
    login("auditor")
    assert client.get(f"/audits/findings/{finding.public_id}/card/pdf/").status_code == 405
    assert Job.objects.count() == before[0]
