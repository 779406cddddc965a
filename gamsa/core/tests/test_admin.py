"""The Django admin goes through the services: paths stay right and every change is in the event log."""

import pytest

from gamsa.conftest import verified_login
from gamsa.core.models import Agency, DeadlineRule, Event, OrgUnit, User


@pytest.fixture
def admin_client(client, demo):
    return verified_login(client, User.objects.get(username="admin"))


def test_adding_a_unit_in_the_admin_sets_its_path_and_records_an_event(admin_client):
    parent = OrgUnit.objects.get(code="safety")
    response = admin_client.post(
        "/admin/core/orgunit/add/",
        {
            "agency": Agency.objects.get().pk,
            "parent": parent.pk,
            "kind": "department",
            "code": "safety-99",
            "name": "보행안전과",
            "short_name": "",
            "sort_order": 9,
            "office_team": "",
            "phone": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content
    unit = OrgUnit.objects.get(code="safety-99")
    assert unit.path == "/ydp/safety/safety-99/"
    assert unit.depth == 2
    assert Event.objects.filter(verb="unit.created", target_id=str(unit.public_id)).exists()


def test_moving_a_unit_repaths_its_subtree(admin_client):
    office = OrgUnit.objects.get(code="audit-office")
    team = OrgUnit.objects.get(code="audit-audit")
    planning = OrgUnit.objects.get(code="planning")
    from gamsa.core import services

    services.update_unit(None, office, parent=planning)
    team.refresh_from_db()
    assert team.path == "/ydp/planning/audit-office/audit-audit/"
    assert team.depth == 3
    with pytest.raises(ValueError):
        services.update_unit(None, planning, parent=team)


def test_changing_a_deadline_rule_in_the_admin_is_recorded(admin_client):
    rule = DeadlineRule.objects.get(kind="grievance")
    response = admin_client.post(
        f"/admin/core/deadlinerule/{rule.pk}/change/",
        {
            "kind": "grievance",
            "label": rule.label,
            "amount": 10,
            "unit": "days",
            "method": "auto",
            "basis": rule.basis,
            "confidence": "local",
            "note": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content
    rule.refresh_from_db()
    assert rule.amount == 10
    event = Event.objects.get(verb="deadline_rule.updated")
    assert event.details["before"]["amount"] == 7 and event.details["after"]["amount"] == 10


def test_opening_a_person_in_the_admin_is_access_logged(admin_client):
    from gamsa.core.models import AccessLog

    person = User.objects.get(username="citizen")
    assert admin_client.get(f"/admin/core/user/{person.pk}/change/").status_code == 200
    row = AccessLog.objects.get(target_id=str(person.public_id))
    assert "연락처" in row.fields
