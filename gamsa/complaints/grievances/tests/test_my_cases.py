""" "내 민원": a signed-in citizen sees the grievances and petitions they filed while signed in, sortable, and never
anyone else's — not even a case filed anonymously with the same name and phone."""

from __future__ import annotations

import pytest

from gamsa.complaints.models import Grievance, Petition
from gamsa.conftest import verified_login
from gamsa.core.models import User, UserKind

pytestmark = pytest.mark.django_db

PERSON = {"name": "홍길동", "phone": "010-0000-0002", "address": "서울 영등포구 영중로 15"}


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def file_grievance(client, title: str, kind: str = "grievance"):
    response = client.post(
        "/minwon/",
        {
            **PERSON,
            "title": title,
            "body": f"{title}: 확인해 주세요.",
            "agree": "on",
            "notice-channel": "none",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    return Grievance.objects.get(title=title)


def test_my_cases_lists_only_what_i_filed_signed_in(client, demo):
    citizen = User.objects.get(username="citizen")
    assert citizen.kind == UserKind.CITIZEN
    # Filed anonymously with the very same name and phone: not attached to the account.
    anonymous = file_grievance(client, "익명으로 낸 민원")
    verified_login(client, citizen)
    first = file_grievance(client, "영중로 보도 파손")
    second = file_grievance(client, "영중로 불법 현수막")
    Grievance.objects.filter(pk=first.pk).update(due_at=second.due_at.replace(year=second.due_at.year + 1))
    petition = client.post(
        "/cheongwon/",
        {
            **PERSON,
            "matter": "system",
            "title": "영등포공원 화장실 개선",
            "body": "고쳐 주세요.",
            "agree": "on",
        },
    )
    assert petition.status_code == 302
    assert Petition.objects.filter(title="영등포공원 화장실 개선", petitioner__user=citizen).exists()

    page = client.get("/minwon/mine/", {"sort": "deadline"})
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [r.title for r in rows if r.title == anonymous.title] == []
    assert anonymous.case_number not in [r.case_number for r in rows if r.kind == "고충민원"]
    assert {r.kind for r in rows} == {"고충민원", "청원"}
    grievances = [r.case_number for r in rows if r.kind == "고충민원"]
    assert grievances == [second.case_number, first.case_number]  # earliest deadline first
    descending = [r.case_number for r in client.get("/minwon/mine/", {"sort": "-deadline"}).context["rows"]]
    assert descending.index(first.case_number) < descending.index(second.case_number)
    html = page.content.decode()
    assert 'data-testid="my-cases"' in html and "gamsa-sort" in html and "sort=-deadline" in html
    assert "내 민원" in html  # the menu offers it to a citizen's account

    # Another citizen sees none of it.
    other = User.objects.create(username="citizen2", kind=UserKind.CITIZEN, full_name="김다른")
    verified_login(client, other)
    assert client.get("/minwon/mine/").context["rows"] == []


def test_my_cases_needs_a_sign_in(client, demo):
    response = client.get("/minwon/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/minwon/mine/")
