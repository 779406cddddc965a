"""Who may do what with the misconduct-case bulletins: one role × URL table over every page, POST action and API
operation of the concept, through the real HTTP layer, with the guard that fails when a URL has no row.

The outcomes are written out by hand from the rules (permissions.py's docstring), not derived from the module:
- items, bulletins, statistics and the API: the investigation team (`investigator`, the team leader `lead`) and the
  office head; the head may not write (403); everyone else 404, anonymous to the login page (401 from the API);
- trend reports: every official logs for their own department and sees its reports; the team and the head see all;
  volunteers, the council viewer and citizens 404. The demo's liaison and department head belong to 건설과.

A refused request changes nothing (and here a 400 neither); a page view changes at most the access log; an allowed
POST writes its Event.
"""

from __future__ import annotations

import pytest

from gamsa.conftest import verified_login
from gamsa.core.testing import matrix
from gamsa.core.testing.matrix import LOGIN as L
from gamsa.investigations.bulletins.tests.matrix_rows import LEAD, build, request_for, team_leader

pytestmark = pytest.mark.django_db

USERS = (*matrix.ACCOUNTS, LEAD)

# fmt: off
#              anon head lead aud  inv  comp patr liai dept volu coun admi citi LEAD
READ =        (L  , 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200)
WRITE_PAGE =  (L  , 403, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200)
WRITE =       (L  , 403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302)
API =         (401, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200)
TRENDS =      (L  , 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 404, 200)
# 건설과's report: the team, the head and 건설과's own people; for another department's people it does not exist
OURS =        (L  , 200, 404, 404, 200, 404, 404, 200, 200, 404, 404, 404, 404, 200)
THEIRS =      (L  , 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200)
# logging for 건설과: its people and the team; other officials may log, but not for 건설과 (the form says so)
TREND_POST =  (L  , 400, 400, 400, 302, 400, 400, 302, 302, 404, 404, 400, 404, 302)
# fmt: on

TABLE = {
    "list": READ,
    "list_sorted": READ,
    "create": WRITE_PAGE,
    "create_post": WRITE,
    "stats": READ,
    "detail": READ,
    "edit": WRITE_PAGE,
    "edit_post": WRITE,
    "post": WRITE,
    "items": READ,
    "item_create": WRITE_PAGE,
    "item_create_post": WRITE,
    "item": READ,
    "item_edit": WRITE_PAGE,
    "item_edit_post": WRITE,
    "item_card": WRITE,
    "trends": TRENDS,
    "trend_create": TRENDS,
    "trend_create_post": TREND_POST,
    "trend_ours": OURS,
    "trend_theirs": THEIRS,
    "api_list": API,
    "api_detail": API,
}
EXPECTED = matrix.expectations(TABLE, USERS)

world = matrix.world_fixture(build)


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def _router():
    from gamsa.investigations.bulletins.api import router

    return router


def all_requests(w: dict) -> list[tuple[str, str]]:
    return [request_for(row, w)[:2] for row in TABLE]


def test_every_bulletin_url_and_api_operation_has_a_row(world):
    assert (
        matrix.uncovered_routes("gamsa.investigations.bulletins.", all_requests(world), [_router()]) == set()
    )


def test_the_guard_sees_a_route_without_a_row(world):
    requests = [r for r in all_requests(world) if "/card/" not in r[1]]
    assert matrix.uncovered_routes("gamsa.investigations.bulletins.", requests, [_router()]) == {
        "bulletins:item_card"
    }


def watched():
    return matrix.watched_models(
        "investigations", "board", extra=["core.event", "core.accesslog", "core.attachment"]
    )


def log_in(client, username: str):
    if username == LEAD:
        return verified_login(client, team_leader())
    return matrix.log_in(client, username)


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("row", list(TABLE))
def test_role_url_matrix(client, world, settings, row, username):
    expected = EXPECTED[row][username]
    log_in(client, username)
    method, url, data = request_for(row, world)
    tables = watched()
    with matrix.Watch(tables, settings.MEDIA_ROOT) as watch:
        response = getattr(client, method)(url, data)
    changed = watch.changed
    what = f"{username} {method.upper()} {url}"
    matrix.check(expected, matrix.outcome(response), changed, method=method, what=what)
    if expected == 400:
        assert changed == set(), f"{what}: a refused form changed {sorted(changed)}"
    if method == "post" and expected == 302:
        assert "core.event" in changed, f"{what} succeeded without writing an Event: {sorted(changed)}"
