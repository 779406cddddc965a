"""Shared set-up of the integrity tests: demo accounts, a planted record of every concept, and a snapshot of every
table for 'nothing changed on denial'."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from gamsa.core.board.models import Post, ReadReceipt
from gamsa.core.models import Attachment, Event, OrgUnit, User, UserKind
from gamsa.integrity import models as m
from gamsa.integrity.events import services as events
from gamsa.integrity.letters import services as letters
from gamsa.integrity.letters.recipients import Row
from gamsa.integrity.meetings import services as meetings
from gamsa.integrity.monitoring import services as monitoring
from gamsa.integrity.pledges import services as pledges
from gamsa.integrity.survey import services as survey
from gamsa.integrity.training import services as training
from gamsa.integrity.viewkit import today

D = dt.date.fromisoformat


def user(name: str) -> User:
    return User.objects.get(username=name)


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def staff(n: int, unit_name: str = "건설과", *, grade: str = "7", prefix: str = "t") -> list[User]:
    from gamsa.core.services import create_person

    place = unit(unit_name)
    made = []
    for i in range(n):
        made.append(
            create_person(
                None,
                username=f"{prefix}{unit_name}{i}",
                kind=UserKind.STAFF,
                full_name=f"직원{prefix}{i:03d}",
                employee_number=f"9{abs(hash((prefix, unit_name))) % 1000:03d}{i:04d}",
                grade=grade,
                unit=place,
            )
        )
    return made


RECIPIENT_HEADER = ["성명", "주소", "우편번호", "업무 구분", "처리 부서", "처리일", "전자우편"]


def recipient_rows(n: int, email_every: int = 2) -> list[Row]:
    return [
        Row(
            line=i + 2,
            name=f"수신자{i:04d}",
            address=f"서울특별시 영등포구 당산로 {i + 1}",
            postal_code="07260",
            business_type="건축 인허가",
            handling_unit="건축과",
            handled_on=D("2026-10-01"),
            email=f"r{i}@example.com" if email_every and i % email_every == 0 else "",
        )
        for i in range(n)
    ]


def plant_all() -> dict:
    """One record of every concept, made by the programme's own services."""
    leader = user("leader")
    year = today().year
    text = pledges.publish_text(
        leader,
        year=year,
        title=f"{year}년 청렴서약서",
        body="금품을 받지 않겠습니다.",
        effective_from=D(f"{year}-01-02"),
    )
    course = m.Course.objects.get(name="갑질 예방교육")
    session = training.create_session(leader, course=course, title="1차", held_on=D(f"{year}-04-15"))
    batch = letters.create_batch(leader, recipient_rows(3), source_name="명단.xlsx")
    q = survey.create_questionnaire(
        leader,
        year=year,
        title="진단평가",
        opens_on=D(f"{year}-05-01"),
        closes_on=D(f"{year}-05-20"),
        questions=survey.default_questions()[:3],
    )
    area = m.VulnerableArea.objects.get(name="인허가")
    rnd = monitoring.create_round(leader, area=area, title="인허가 모니터링", starts_on=D(f"{year}-03-02"))
    link = monitoring.add_finding(leader, rnd, title="처리 지연", description="지연", unit=unit("건설과"))
    event = events.create_event(leader, kind="concert", title="청렴콘서트", held_on=D(f"{year}-09-18"))
    award = events.open_round(leader, year=year, kind="department", judged_on=D(f"{year}-12-01"))
    meeting = meetings.create_meeting(leader, held_on=D(f"{year}-06-20"), title="반부패 추진상황 보고회")
    from gamsa.core.board.services import publish_post

    post = publish_post(leader, title="공지", body="내용", category="notice")
    return {
        "text": text, "session": session, "batch": batch, "q": q, "round": rnd, "link": link, "event": event,
        "award": award, "meeting": meeting, "post": post, "year": year,
    }  # fmt: skip


def snapshot():
    models = [
        m.PledgeText, m.PledgeSignature, m.Course, m.Session, m.Completion, m.StaffStage, m.LetterTemplate,
        m.LetterPolicy, m.Batch, m.Recipient, m.Questionnaire, m.Question, m.Invitation, m.Response, m.Answer,
        m.MonitoringRound, m.MonitoringFinding, m.IntegrityEvent, m.Participant, m.AwardRound, m.Nominee, m.Score,
        m.StatusMeeting, m.AgendaItem, Post, ReadReceipt, Attachment, Event,
    ]  # fmt: skip
    counts = tuple(model.objects.count() for model in models)
    states = (
        list(m.Batch.objects.values_list("status", "emailed_count")),
        list(m.Questionnaire.objects.values_list("status")),
        list(m.Invitation.objects.values_list("answered")),
        list(Post.objects.values_list("withdrawn_at")),
        list(m.Nominee.objects.values_list("total", "selected")),
        list(m.StatusMeeting.objects.values_list("minutes")),
    )
    return counts, states
