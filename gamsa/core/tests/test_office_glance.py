"""The office head's home: the office at a glance by team, each figure a link to the list of exactly those cases."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Grievance
from gamsa.core.models import User


def grievance(title):
    return svc.receive_grievance(
        User.objects.get(username="complaints"),
        channel="phone",
        kind="grievance",
        title=title,
        body=f"{title}: 처리해 주세요.",
        complainant={"name": "김민원", "phone": "010-1111-2222"},
    ).grievance


def row_of(html: str, team: str) -> str:
    return html.split(f'data-testid="office-{team}"')[1].split("</tr>")[0]


def figures(row: str) -> list[tuple[str, str]]:
    """(link, text) of each linked figure of a row, in column order."""
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', row)


def listed(client, url: str) -> set[str]:
    return set(
        re.findall(
            r'href="/grievances/(\d{4}-\d{6})/"', client.get(url.replace("&amp;", "&")).content.decode()
        )
    )


def test_the_head_sees_the_office_at_a_glance_with_drill_down(demo, login):
    now = timezone.now()
    late, soon, later, done = (
        grievance(t) for t in ("기한 지난 민원", "곧 마감 민원", "나중 민원", "답변한 민원")
    )
    Grievance.objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(days=2))
    Grievance.objects.filter(pk=soon.pk).update(due_at=now + dt.timedelta(days=3))
    Grievance.objects.filter(pk=later.pk).update(due_at=now + dt.timedelta(days=20))
    Grievance.objects.filter(pk=done.pk).update(
        status="answered", answered_at=now - dt.timedelta(hours=1), due_at=now + dt.timedelta(days=1)
    )
    client = login("head")
    html = client.get("/").content.decode()
    assert 'data-testid="office-glance"' in html
    for team in ("audit", "investigation", "complaints", "patrol"):
        assert f'data-testid="office-{team}"' in html
    links = figures(row_of(html, "complaints"))
    (open_url, open_n), (late_url, late_n), (intake_url, intake_n), (_, rate), (soon_url, soon_n) = links
    assert (open_n, late_n, intake_n, rate, soon_n) == ("3건", "1건", "4건", "100%", "1건")
    assert listed(client, open_url) == {late.case_number, soon.case_number, later.case_number}
    assert listed(client, late_url) == {late.case_number}
    assert listed(client, intake_url) == {g.case_number for g in (late, soon, later, done)}
    assert listed(client, soon_url) == {soon.case_number}


def test_the_glance_is_one_aggregate_query_per_line_whatever_the_size(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gamsa.core import office

    def run():
        with CaptureQueriesContext(connection) as queries:
            lines = office.at_a_glance(timezone.now())
        return lines, len(queries)

    lines, few = run()
    assert {line.team for line in lines} == {"audit", "investigation", "complaints", "patrol"}
    assert few == len(lines)  # one aggregate per line
    for i in range(15):
        grievance(f"민원 {i}")
    lines, many = run()
    assert many == few
    assert next(line for line in lines if line.team == "complaints").open.value == 15


def test_only_the_head_gets_the_glance(demo, login, client):
    for username in ("leader", "complaints", "liaison", "admin"):
        login(username)
        assert 'data-testid="office-glance"' not in client.get("/").content.decode()
