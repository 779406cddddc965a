"""One rule set for patrol findings (gamsa/patrols/findings/permissions.py), and the stricter rules it keeps: a department does not
see a guardian's report until the patrol team routes it, and a volunteer who is not a guardian sees no finding,
not even one recorded under their name. Each denial leaves the finding and the event log as they were."""

from __future__ import annotations

import pytest

from gamsa.core.models import Event
from gamsa.patrols.fieldcomplaints import permissions as field_permissions
from gamsa.patrols.findings import permissions as finding_permissions
from gamsa.patrols.findings import services as svc
from gamsa.patrols.guardians.permissions import is_guardian
from gamsa.patrols.models import Finding, FindingStatus
from gamsa.patrols.tests.test_patrol_findings import (  # noqa: F401
    new_finding,
    patrol_setup,
    unit,
    user,
)


def snapshot(finding: Finding) -> tuple:
    finding.refresh_from_db()
    return (finding.status, finding.unit_id, finding.answer, Event.objects.count())


def test_findings_have_one_rule_module():
    """The looser copy that once sat beside the field-complaint rules is gone, and so is the old module
    permissions_patrol; the live rules are in the findings package only."""
    import importlib

    for name in ("can_see_findings", "visible_findings", "can_view_finding", "can_view_photo"):
        assert not hasattr(field_permissions, name), name
        assert name == "can_view_photo" or hasattr(finding_permissions, name)
    for gone in ("gamsa.patrols.permissions", "gamsa.patrols.permissions_patrol"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(gone)


@pytest.mark.parametrize("as_view", ["rule", "page", "api"])
def test_department_does_not_see_an_unrouted_guardian_report(patrol_setup, client, login, as_view):  # noqa: F811
    finding = new_finding(
        "guardian", source=Finding.Source.GUARDIAN
    )  # category default unit 건설과, not routed
    assert finding.status == FindingStatus.REPORTED and finding.unit == unit("건설과")
    liaison = user("liaison")
    before = snapshot(finding)
    if as_view == "rule":
        assert not finding_permissions.can_view_finding(liaison, finding)
        assert (
            not finding_permissions.visible_findings(liaison, Finding.objects.all())
            .filter(pk=finding.pk)
            .exists()
        )
    elif as_view == "page":
        login("liaison")
        url = f"/patrols/findings/{finding.case_number}/"
        assert client.get(url).status_code == 404
        assert client.post(url + "act/answer/", {"answer-answer": "조치함"}).status_code == 404
        assert finding.case_number not in client.get("/patrols/findings/").content.decode()
    else:
        login("liaison")
        assert client.get(f"/api/v1/findings/{finding.case_number}").status_code == 404
        answered = client.post(
            f"/api/v1/findings/{finding.case_number}/answer",
            {"answer": "조치함"},
            content_type="application/json",
        )
        assert answered.status_code in (403, 404)
        listed = client.get("/api/v1/findings").json()
        assert finding.case_number not in str(listed)
    assert snapshot(finding) == before

    # Once the patrol team routes it, the same department sees it.
    svc.route_finding(user("patrol"), finding, unit=unit("건설과"))
    assert finding_permissions.can_view_finding(liaison, finding)


@pytest.mark.parametrize("as_view", ["rule", "page", "api"])
def test_volunteer_who_is_not_a_guardian_sees_no_finding(patrol_setup, client, login, as_view):  # noqa: F811
    """The demo "volunteer" is a citizen-auditor volunteer, not a local guardian. Even a finding recorded under
    their name stays hidden (the old unused rule let any volunteer see their own)."""
    volunteer = user("volunteer")
    routed = new_finding(unit_name="건설과")
    own = new_finding(source=Finding.Source.GUARDIAN)
    Finding.objects.filter(pk=own.pk).update(reported_by=volunteer)
    own.refresh_from_db()
    assert not is_guardian(volunteer)
    before = [snapshot(routed), snapshot(own)]
    if as_view == "rule":
        assert not finding_permissions.can_see_findings(volunteer)
        assert not finding_permissions.visible_findings(volunteer, Finding.objects.all()).exists()
        assert not finding_permissions.can_view_finding(volunteer, own)
    elif as_view == "page":
        login("volunteer")
        assert client.get("/patrols/findings/").status_code == 404
        for finding in (routed, own):
            url = f"/patrols/findings/{finding.case_number}/"
            assert client.get(url).status_code == 404
            assert client.post(url + "act/answer/", {"answer-answer": "x"}).status_code == 404
        assert client.get("/patrols/guardian/mine/").status_code == 404
    else:
        login("volunteer")
        assert client.get("/api/v1/findings").status_code in (403, 404)
        for finding in (routed, own):
            assert client.get(f"/api/v1/findings/{finding.case_number}").status_code == 404
    assert [snapshot(routed), snapshot(own)] == before
