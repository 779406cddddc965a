"""The department's desk for grievances: new assignments on 내 업무 and their count in the menu, cleared by opening
the case or by "확인"; the case history by 소속·직급·성명; the list's sortable columns."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Grievance
from gamsa.core.models import Event, OrgUnit, User


def user(name):
    return User.objects.get(username=name)


def new_grievance(title="당산로 123 앞 불법주차 단속 요청", **extra):
    data = {
        "channel": "phone",
        "kind": "grievance",
        "title": title,
        "body": "매일 저녁 당산로 123 앞에 차량이 불법주차되어 통행이 어렵습니다. 단속해 주세요.",
        "complainant": {"name": "김민원", "phone": "010-1111-2222", "address": "서울 영등포구 당산로 123"},
        "place_address": "서울특별시 영등포구 당산로 123",
    }
    data.update(extra)
    return svc.receive_grievance(user("complaints"), **data).grievance


@pytest.fixture
def construction(demo):
    return OrgUnit.objects.get(name="건설과")


def menu_count(html: str) -> int | None:
    """The count beside 내 업무 in the menu (None when there is none)."""
    match = re.search(r'새로 배정된 업무 </span>(\d+)<span class="sr-only">건', html)
    return int(match.group(1)) if match else None


def test_a_new_assignment_is_on_the_department_desk_with_a_count_until_opened(
    demo, client, login, construction
):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    login("liaison")
    home = client.get("/").content.decode()
    assert (
        'data-testid="desk-new"' in home and g.case_number in home.split('data-testid="desk-new"')[1][:3000]
    )
    assert menu_count(home) == 1
    assert client.get(f"/grievances/{g.case_number}/").status_code == 200  # opening it is seeing it
    g.refresh_from_db()
    assert g.acknowledged_by == user("liaison") and g.acknowledged_at is not None
    assert (
        Event.objects.filter(verb="grievance.assignment_acknowledged", target_id=g.case_number).count() == 1
    )
    home = client.get("/").content.decode()
    assert 'data-testid="desk-new"' not in home and menu_count(home) is None
    client.get(f"/grievances/{g.case_number}/")  # opening again records nothing more
    assert (
        Event.objects.filter(verb="grievance.assignment_acknowledged", target_id=g.case_number).count() == 1
    )


def test_confirming_from_the_desk_clears_it_without_opening(demo, client, login, construction):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    login("depthead")
    response = client.post(f"/grievances/{g.case_number}/act/acknowledge/")
    assert response.status_code == 302 and response["Location"] == "/"
    g.refresh_from_db()
    assert g.acknowledged_by == user("depthead")
    assert menu_count(client.get("/").content.decode()) is None


def test_a_reassignment_is_new_again_and_others_opening_it_do_not_clear_it(demo, client, login, construction):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    svc.acknowledge_assignment(user("liaison"), g)
    svc.assign(user("complaints"), g, department=construction, handler=user("teamlead"))
    g.refresh_from_db()
    assert svc.is_new_assignment(g)
    login("complaints")  # the complaint team opening it is not the department seeing it
    client.get(f"/grievances/{g.case_number}/")
    login("liaison")  # nor someone else of the department when the case has a handler
    assert menu_count(client.get("/").content.decode()) is None  # it is the team leader's, not the liaison's
    client.get(f"/grievances/{g.case_number}/")
    g.refresh_from_db()
    assert g.acknowledged_at is None
    refused = client.post(f"/grievances/{g.case_number}/act/acknowledge/")
    assert refused.status_code == 403
    g.refresh_from_db()
    assert g.acknowledged_at is None
    login("teamlead")
    assert menu_count(client.get("/").content.decode()) == 1
    client.get(f"/grievances/{g.case_number}/")
    g.refresh_from_db()
    assert g.acknowledged_by == user("teamlead")


def test_starting_the_work_clears_a_new_assignment(demo, construction):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    svc.start_processing(user("liaison"), g)
    g.refresh_from_db()
    assert not svc.is_new_assignment(g) and g.acknowledged_by == user("liaison")


def test_the_history_names_unit_grade_and_name_never_login_ids(demo, client, login, construction):
    complaints = user("complaints")
    g = new_grievance()
    svc.assign(complaints, g, department=construction)
    public = client.post(
        "/minwon/",
        {
            "name": "이구민",
            "phone": "010-3333-4444",
            "address": "서울 영등포구 도림로 10",
            "title": "보도블록 파손",
            "body": "도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다.",
            "agree": "on",
        },
    )
    assert public.status_code == 302
    filed = Grievance.objects.get(title="보도블록 파손")
    Event.objects.create(
        actor=None,
        actor_label="시스템",
        verb="grievance.overdue_alert",
        target_type="complaints.grievance",
        target_id=g.case_number,
    )
    login("complaints")
    html = client.get(f"/grievances/{g.case_number}/").content.decode()
    history = html.split("처리 기록")[-1]
    expected = f"{complaints.unit.name} · {complaints.get_grade_display()} · {complaints.full_name}"
    assert expected in history and "시스템" in history
    assert "(complaints)" not in history and ">complaints<" not in history
    html = client.get(f"/grievances/{filed.case_number}/").content.decode()
    assert "· 민원인 · 접수" in html.split("처리 기록")[-1]


def test_the_list_sorts_by_deadline_first_and_keeps_the_sort_in_its_links(demo, client, login):
    first = new_grievance("가 민원")
    second = new_grievance("나 민원")
    Grievance.objects.filter(pk=first.pk).update(due_at=second.due_at + dt.timedelta(days=3))
    login("complaints")
    html = client.get("/grievances/").content.decode()
    assert html.index("나 민원") < html.index("가 민원")  # the nearest deadline first by default
    assert 'aria-sort="ascending"' in html and "?sort=-due" in html
    html = client.get("/grievances/?sort=-due").content.decode()
    assert html.index("가 민원") < html.index("나 민원")
    html = client.get("/grievances/?sort=title&status=open").content.decode()
    assert html.index("가 민원") < html.index("나 민원")
    assert re.search(
        r'href="\?[^"]*status=open[^"]*sort=-title|href="\?[^"]*sort=-title[^"]*status=open', html
    )
    assert (
        client.get("/grievances/?sort=complainant__phone").status_code == 200
    )  # unknown key: the default order
    html = client.get("/grievances/?sort=complainant__phone").content.decode()
    assert html.index("나 민원") < html.index("가 민원")


def test_the_assignment_form_offers_only_the_departments_staff(demo, client, login, construction):
    from gamsa.complaints.grievances.permissions import handler_candidates

    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    login("complaints")
    html = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert "data-combobox" in html and 'hx-get="/grievances/handlers/"' in html
    handler_select = html.split('id="assign_handler"')[1].split("</select>")[0]
    assert "부서에서 지정" in handler_select
    staff = list(handler_candidates(construction))
    assert user("liaison") in staff and user("complaints") not in staff
    assert handler_select.count("<option") == len(staff) + 1
    options = client.get("/grievances/handlers/", {"department": OrgUnit.objects.get(name="청소과").pk})
    assert options.status_code == 200
    text = options.content.decode()
    assert user("liaison").full_name not in text and text.count("<option") >= 1
    text = client.get("/grievances/handlers/", {"department": construction.pk}).content.decode()
    assert f'value="{user("liaison").pk}"' in text


def test_a_handler_outside_the_department_is_refused_and_nothing_changes(demo, client, login, construction):
    g = new_grievance()
    login("complaints")
    other = OrgUnit.objects.get(name="청소과")
    before = Event.objects.count()
    response = client.post(
        f"/grievances/{g.case_number}/act/assign/",
        {"department": other.pk, "handler": user("liaison").pk, "note": "청소과로"},
    )
    assert response.status_code == 400
    assert "담당자는 고른 처리부서 소속 직원이어야 합니다." in response.content.decode()
    assert 'value="청소과로"' in response.content.decode()  # what was typed stays
    g.refresh_from_db()
    assert g.department is None and g.handler is None and g.status == "received"
    assert Event.objects.count() == before
    ok = client.post(
        f"/grievances/{g.case_number}/act/assign/",
        {"department": construction.pk, "handler": user("liaison").pk},
    )
    assert ok.status_code == 302
    g.refresh_from_db()
    assert g.department == construction and g.handler == user("liaison")
