"""The committee's minutes read back as their reader would: the PDF's text with pdftotext, the HWPX's XML."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest

from gamsa.core.models import AccessLog
from gamsa.humanrights.committee import minutes as docs
from gamsa.humanrights.committee import services as committee
from gamsa.humanrights.tests.helpers import D, lead

pytestmark = pytest.mark.django_db


def meeting_with_minutes():
    boss = lead()
    term = committee.create_term(boss, number=6, starts_on=D("2024-07-01"), ends_on=D("2026-06-30"))
    chair = committee.appoint_member(boss, term, name="한결같", position="chair", affiliation="대학교 교수")
    member = committee.appoint_member(boss, term, name="나란히", affiliation="변호사")
    committee.appoint_member(boss, term, name="결석자", affiliation="사회복지사")
    meeting = committee.schedule_meeting(boss, term, held_on=D("2025-03-06"), place="구청 기획상황실")
    agenda = committee.add_agenda(boss, meeting, title="2025년 인권보장 및 증진 세부추진계획(안) 심의")
    committee.decide_agenda(
        boss, agenda, decision="amended", decision_text="찾아가는 인권교육을 6개소로 늘려 의결"
    )
    committee.record_minutes(boss, meeting, attendees=[chair, member], recorded_on=D("2025-03-07"),
                             minutes="간사가 계획안을 설명함.\n위원들은 찾아가는 교육 확대를 요청함.")  # fmt: skip
    return meeting


def test_minutes_pdf_text(demo, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(docs.write_pdf(meeting_with_minutes()))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "제6기 인권위원회 제1차 정기회의 회의록" in flat
    assert "2025. 3. 6." in flat and "구청 기획상황실" in flat
    assert "2명 (재적 3명)" in flat and "한결같(위원장)" in flat and "결석자" not in flat
    assert "수정 의결" in flat and "찾아가는 인권교육을 6개소로 늘려 의결" in flat
    assert "위원들은 찾아가는 교육 확대를 요청함." in flat


def test_minutes_hwpx_xml(demo):
    data = docs.write_hwpx(meeting_with_minutes())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist()[0] == "mimetype" and zf.read("mimetype") == b"application/hwp+zip"
        section = ElementTree.fromstring(zf.read("Contents/section0.xml"))
    texts = [t.text for t in section.iter("{http://www.hancom.co.kr/hwpml/2011/paragraph}t")]
    assert texts[0] == "제6기 인권위원회 제1차 정기회의 회의록"
    assert "제1호 [심의] 2025년 인권보장 및 증진 세부추진계획(안) 심의 — 수정 의결" in texts
    assert "위원들은 찾아가는 교육 확대를 요청함." in texts


def test_minutes_download_is_access_logged(demo, login):
    meeting = meeting_with_minutes()
    client = login("council")
    response = client.get(f"/humanrights/committee/meetings/{meeting.public_id}/minutes.hwpx")
    assert response.status_code == 200 and response["Content-Type"] == "application/hwp+zip"
    row = AccessLog.objects.get(action="download", target_type="humanrights.meeting")
    assert (
        row.user.username == "council" and row.record_count == 2 and row.target_id == str(meeting.public_id)
    )
