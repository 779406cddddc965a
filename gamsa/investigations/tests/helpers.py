"""Shared set-up for the investigation tests: demo users, a planted case and a snapshot for 'nothing changed'."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from gamsa.core.models import AccessLog, Event, OrgUnit, User
from gamsa.hotline import keys
from gamsa.hotline.demo import DEMO_PASSPHRASE
from gamsa.hotline.models import Keyring
from gamsa.investigations import services as svc
from gamsa.investigations.models import (
    Allegation,
    Assignment,
    Case,
    CaseKeyGrant,
    DiaryEntry,
    EvidenceFile,
    Statement,
    Subject,
)

D = dt.date.fromisoformat
SUBJECT_NAME = "탁민재"
STATEMENT_TEXT = "관급공사 업체로부터 상품권 오십만원을 받았다고 진술함"
SECRETS = [SUBJECT_NAME, STATEMENT_TEXT, "상품권 오십만원"]


def user(name: str) -> User:
    return User.objects.get(username=name)


def lead() -> User:
    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def other_investigator() -> User:
    """An investigator of the team who is not assigned to the planted case."""
    return (
        User.objects.filter(memberships__role="investigator", memberships__unit__office_team="investigation")
        .exclude(username="investigator")
        .order_by("username")
        .first()
    )


def keyed(person: User) -> User:
    """`person` with a staff key (passphrase DEMO_PASSPHRASE), as the key page makes it."""
    if not Keyring.objects.filter(user=person).exists():
        keys.set_up_key(person, DEMO_PASSPHRASE)
    return person


def private(person: User) -> bytes:
    return keys.open_private(person, DEMO_PASSPHRASE)


def unlock(client) -> None:
    """Open the signed-in user's staff key in the session (the key page's 'unlock')."""
    response = client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 302, response.status_code


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, format="PNG")
    return out.getvalue()


ACT = D("2024-05-10")
RECEIVED = D("2026-03-02")


def planted_case(*, grade="6", kind="bribery", act=ACT, received=RECEIVED, start=True) -> Case:
    """A case received by the team leader (who has a staff key) and assigned to `investigator`: the case key is
    sealed to the office head, the team leader and, on assignment, the investigator."""
    for person in (user("head"), lead(), user("investigator")):
        keyed(person)
    case = svc.receive_case(
        lead(),
        title="업무 관련 금품 수수",
        summary="경찰 수사 결과 통보에 따른 조사.",
        source="external",
        external_body="police",
        external_body_name="영등포경찰서",
        document_number="수사과-1234",
        document_date=received - dt.timedelta(days=2),
        received_on=received,
        subjects=[
            {
                "name": SUBJECT_NAME,
                "unit": OrgUnit.objects.get(name="건설과"),
                "grade": grade,
                "position": "주무관",
                "allegations": [{"type": kind, "act_date": act}],
            }
        ],
    )
    svc.assign(lead(), case, [user("investigator")], received, private=private(lead()))
    if start:
        svc.start_investigation(user("investigator"), case, received + dt.timedelta(days=1))
        svc.add_statement(
            user("investigator"),
            case,
            taken_on=received + dt.timedelta(days=5),
            text=STATEMENT_TEXT,
            subject=case.subjects.get(),
        )
    case.refresh_from_db()
    return case


def snapshot():
    return (
        list(
            Case.objects.order_by("pk").values_list(
                "status", "title", "reported_on", "closed_on", "block_started_on"
            )
        ),
        list(
            Subject.objects.order_by("pk").values_list(
                "action", "discipline_requested_on", "decision", "disposed_on"
            )
        ),
        Allegation.objects.count(),
        Assignment.objects.filter(ended_on__isnull=True).count(),
        Statement.objects.count(),
        DiaryEntry.objects.count(),
        EvidenceFile.objects.count(),
        CaseKeyGrant.objects.count(),
        Event.objects.count(),
    )


def access_rows(target_type: str):
    return AccessLog.objects.filter(target_type=target_type)
