"""The committee's minutes as their readers get them: the PDF made by the job, read back with pdftotext (and the
embedded Korean font), and the HWPX's section XML. Declarants appear as 탁○○ with unit and grade."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest

from gamsa.core.models import AccessLog, Job
from gamsa.core.tests.pdfcheck import embedded_fonts
from gamsa.ethics.committee import services as committee
from gamsa.ethics.registration import reviews
from gamsa.ethics.tests.helpers import (
    NAME,
    RELATIVE,
    D,
    application,
    declarant,
    meeting,
    members,
    officer,
    reviewed,
)

pytestmark = pytest.mark.django_db


def held_meeting():
    d = declarant()
    review = reviewed(d)
    reviews.conclude(
        officer(), review, conclusion="referred", on=D("2026-04-20"), opinion="중대한 과실로 예금 누락"
    )
    application(declarant(username="second", name="두번째"))
    members()
    m = meeting("2026-05-21")
    committee.build_agenda(officer(), m)
    for item in m.items.all():
        if item.review_id:
            committee.decide_item(officer(), item, decision="approved", on=D("2026-05-21"),
                                  measures=["warning", "fine"], fine_amount=1_234_567, text_="원안 의결")  # fmt: skip
        else:
            committee.decide_item(officer(), item, decision="approved", on=D("2026-05-21"), granted=False)
    committee.record_minutes(officer(), m, minutes="재산등록 심사 결과 조치 1건, 고지거부 1건을 의결하였다.")
    m.refresh_from_db()
    return m


def test_minutes_pdf_read_back_with_pdftotext(client, demo, settings, tmp_path):
    from gamsa.conftest import verified_login

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    settings.MEDIA_ROOT = tmp_path
    m = held_meeting()
    verified_login(client, officer())
    response = client.post(f"/ethics/committee/meetings/{m.public_id}/minutes.pdf")
    assert response.status_code == 302
    job = Job.objects.get(kind="ethics_minutes_pdf")
    assert job.status == "done" and job.result_file is not None
    data = b"".join(client.get(f"/files/{job.result_file.public_id}/").streaming_content)
    assert data.startswith(b"%PDF")
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode()
    flat = " ".join(text.split())
    assert "2026년 제1차 영등포구 공직자윤리위원회 회의록" in flat
    assert "2026. 5. 21.(목)" in flat
    assert "경고 및 시정조치" in flat and "과태료 부과" in flat and "1,234,567원" in flat
    assert "탁○○ (세무1과, 6급)" in flat
    assert "불허가" in flat and "고지거부자: 부" in flat
    assert "외부위원 5명" in flat
    assert NAME not in flat and RELATIVE not in flat
    assert any("Pretendard" in font for font in embedded_fonts(data))
    assert AccessLog.objects.filter(target_type="ethics.meeting", action="print").count() == 1


def test_minutes_hwpx_xml(client, demo):
    from gamsa.conftest import verified_login

    m = held_meeting()
    verified_login(client, officer())
    response = client.get(f"/ethics/committee/meetings/{m.public_id}/minutes.hwpx")
    assert response.status_code == 200 and response["Content-Type"] == "application/hwp+zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == b"application/hwp+zip"
    root = ElementTree.fromstring(archive.read("Contents/section0.xml"))
    texts = [t.text or "" for t in root.iter() if t.tag.endswith("}t")]
    assert texts[0] == "2026년 제1차 영등포구 공직자윤리위원회 회의록"
    joined = "\n".join(texts)
    assert "제1호 안건: 재산등록 심사 결과 조치" in joined
    assert "과태료 1,234,567원" in joined and "탁○○ (세무1과, 6급)" in joined
    assert NAME not in joined and RELATIVE not in joined


def test_retiree_guidance_card_read_back(client, demo, settings, tmp_path):
    """The 취업제한 guidance the ethics officer sends a retiree: the PDF (a job) says the name and the window as the
    retiree reads it, the PNG is a picture, and each making is an export row in the access log."""
    from gamsa.conftest import verified_login
    from gamsa.ethics.models import Restriction
    from gamsa.ethics.registration import services as roster

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    settings.MEDIA_ROOT = tmp_path
    d = declarant()
    roster.leave(officer(), d, left_on=D("2026-06-30"), retired=True)
    r = Restriction.objects.get(declarant=d)
    verified_login(client, officer())
    url = f"/ethics/restrictions/{r.public_id}/card/guidance.pdf"
    assert client.get(url).status_code == 405  # a PDF is a job, started by POST
    assert client.post(f"/ethics/restrictions/{r.public_id}/card/other.pdf").status_code == 404
    assert client.post(url).status_code == 302
    job = Job.objects.get(kind="ethics_restriction_card_pdf")
    assert job.status == "done"
    data = b"".join(client.get(f"/files/{job.result_file.public_id}/").streaming_content)
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(data)
    flat = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode().split()
    )
    assert f"{d.name} 님, 퇴직 후 3년간 취업이 제한됩니다" in flat
    assert "취업제한 기간: 2026. 6. 30. ~ 2029. 6. 30. (공직자윤리법 제17조①)" in flat
    assert "취업 예정일 30일 전까지 취업심사(확인) 신청" in flat
    png = client.get(f"/ethics/restrictions/{r.public_id}/card/ending.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert AccessLog.objects.filter(target_type="ethics.restriction", action="export").count() == 2
    page = client.get(f"/ethics/restrictions/{r.public_id}/").content.decode()
    assert "취업제한 종료 안내" in page and "PDF 만들기" in page
