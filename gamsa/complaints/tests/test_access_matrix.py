"""Who may do what in the complaints app: one role × URL table over every page and POST action of every concept
(grievances, the public pages, petitions, the 민원조정위원회, import/export and inspection, 공익신고, 납세자보호관,
staff protection) and the grievance API, through the real HTTP layer.

The expected outcome of every (row, account) pair is written out by hand from the rules (README's account table
and the concepts' permission docstrings): outsiders 404, read-only users 403, anonymous users sent to the login
page (401 from the API). It is NOT derived from the permission modules, so a wrong rule fails here.

Every request is checked twice: the status, and the change in the watched tables (every row of the complaints,
approvals, notices and hotline tables, core's events, access log, files, jobs and throttles) and in the files under
MEDIA_ROOT. A refused request changes nothing; a page view changes at most the access log; an allowed POST that
succeeds writes its Event (house rule 1). The guard test fails when a URL of the app has no row.
"""

from __future__ import annotations

import pytest

from gamsa.complaints.tests.matrix_rows import build, request_for
from gamsa.core.testing import matrix
from gamsa.core.testing.matrix import LOGIN as L

pytestmark = pytest.mark.django_db

USERS = matrix.ACCOUNTS  # anonymous head leader auditor investigator complaints patrol liaison depthead volunteer council admin citizen

# The rules, as rows of outcomes in the order of USERS.
# fmt: off
#                 anon head lead aud  inv  comp patr liai dept volu coun admi citi
DESK =           (L  , 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404)
DESK_ELSEWHERE = (L  , 200, 200, 200, 200, 200, 200, 404, 404, 404, 200, 200, 404)
TEAM_PAGE =      (L  , 200, 403, 403, 403, 200, 403, 403, 403, 404, 403, 403, 404)
TEAM_POST =      (L  , 302, 403, 403, 403, 302, 403, 403, 403, 404, 403, 403, 404)
HANDLER_POST =   (L  , 302, 403, 403, 403, 302, 403, 302, 302, 404, 403, 403, 404)
PUBLIC_PAGE =    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)
PUBLIC_POST =    (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)
BOARDS =         (L  , 200, 200, 200, 200, 200, 200, 404, 404, 404, 200, 200, 404)
BOARDS_PAGE_W =  (L  , 200, 403, 403, 403, 200, 403, 404, 404, 404, 403, 403, 404)
BOARDS_POST =    (L  , 302, 403, 403, 403, 302, 403, 404, 404, 404, 403, 403, 404)
UNKNOWN_ACTION = (L  , 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
REGISTER =       (L  , 200, 404, 404, 404, 200, 404, 404, 404, 404, 200, 404, 404)
REGISTER_W =     (L  , 200, 404, 404, 404, 200, 404, 404, 404, 404, 403, 404, 404)
REGISTER_POST =  (L  , 302, 404, 404, 404, 302, 404, 404, 404, 404, 403, 404, 404)
HEAD_ONLY_POST = (L  , 302, 404, 404, 404, 403, 404, 404, 404, 404, 403, 404, 404)
STAFF_PAGE =     (L  , 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404)
# fmt: on


def with_outcome(row: tuple, outcome, *accounts: str) -> tuple:
    """`row` with `outcome` for the named accounts: the rule let them in and the workflow answered (e.g. 400)."""
    return tuple(outcome if user in accounts else value for user, value in zip(USERS, row, strict=True))


TEAM_400 = with_outcome(TEAM_POST, 400, "head", "complaints")
HANDLER_400 = with_outcome(HANDLER_POST, 400, "head", "complaints", "liaison", "depthead")

TABLE = {
    # --- grievances: the desk (/grievances/) -------------------------------------------------------------------
    "g_list": DESK,
    "g_overdue": DESK,
    "g_create": TEAM_PAGE,
    "g_create_post": TEAM_POST,
    "g_handler_options": TEAM_PAGE,  # the assignment form's handler list for a department
    "g_detail": DESK,
    "g_detail_elsewhere": DESK_ELSEWHERE,  # not the liaison's department
    "g_act_assign": TEAM_POST,
    # a new assignment without a handler: the department's staff confirm it (opening it does too, see SEEING)
    "g_act_acknowledge": (L, 403, 403, 403, 403, 403, 403, 302, 302, 404, 403, 403, 404),
    "g_act_start": HANDLER_POST,
    "g_act_supplement": HANDLER_POST,
    "g_act_site_survey": HANDLER_POST,
    "g_act_survey_extend": HANDLER_400,  # no survey under way
    "g_act_resume": HANDLER_400,  # nothing paused
    "g_act_extend": HANDLER_POST,
    # the head and the 과장 draft too, but their line needs a 국장 the demo does not have: the 결재 engine refuses
    "g_act_answer": with_outcome(HANDLER_POST, 400, "head", "depthead"),
    "g_act_close": TEAM_400,  # not answered yet
    "g_act_transfer": TEAM_POST,
    "g_act_reject": TEAM_POST,
    "g_act_withdraw": TEAM_POST,
    "g_act_progress": HANDLER_POST,
    "g_act_review": TEAM_POST,
    "g_act_joint": TEAM_POST,
    "g_act_closure_request": HANDLER_400,  # no confirmed repeats
    "g_act_refile": TEAM_POST,
    "g_act_unlock_status": TEAM_POST,
    "g_act_unknown": UNKNOWN_ACTION,
    "g_upload": HANDLER_POST,
    # --- grievances: the public side (/minwon/) ---------------------------------------------------------------
    "public_file": PUBLIC_PAGE,
    "public_file_post": PUBLIC_POST,
    "public_receipt": PUBLIC_POST,  # nothing filed in this session: sent to the status page
    "public_status": PUBLIC_PAGE,
    "public_status_post": with_outcome(PUBLIC_PAGE, 400, *USERS),  # a wrong PIN
    # the survey takes its case from the PIN session, never from the form: without a lookup there is none
    "public_survey": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "public_end": PUBLIC_POST,  # forgets this browser's lookup (the session only)
    "public_mine": (L, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),  # one's own filings only
    # --- grievances: the quarterly inspection (/grievances-io/inspection/) ------------------------------------
    "inspection": TEAM_PAGE,
    "inspection_department": TEAM_PAGE,
    "inspection_department_post": TEAM_POST,
    "inspection_export": TEAM_POST,
    # --- import and export (/grievances-io/) ------------------------------------------------------------------
    "io_import": TEAM_PAGE,
    "io_import_post": TEAM_POST,
    "io_import_job": (L, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),  # the uploader's own
    "io_import_confirm": (L, 404, 403, 403, 403, 302, 403, 403, 403, 404, 403, 403, 404),
    "io_export": DESK,  # the XLSX itself
    "io_export_personal": (L, 200, 403, 403, 403, 200, 403, 403, 403, 404, 403, 403, 404),
    # --- petitions (/petitions/) and the public form (/cheongwon/) --------------------------------------------
    "p_list": BOARDS,
    "p_new": BOARDS_PAGE_W,
    "p_new_post": BOARDS_POST,
    "p_detail": BOARDS,
    "p_act_disclosure": with_outcome(BOARDS_POST, 400, "head", "complaints"),  # not a public petition
    "p_act_extend": BOARDS_POST,
    "p_act_decide": BOARDS_POST,
    "p_act_not_process": BOARDS_POST,
    "p_act_repeat": with_outcome(BOARDS_POST, 400, "head", "complaints"),  # a petition is no repeat of itself
    "p_act_withdraw": BOARDS_POST,
    "p_act_objection": with_outcome(BOARDS_POST, 400, "head", "complaints"),  # nothing decided to object to
    "p_act_objection_decide": with_outcome(BOARDS_POST, 400, "head", "complaints"),  # no objection
    "p_act_unknown": UNKNOWN_ACTION,
    "p_board": BOARDS,
    "p_board_member_add": BOARDS_POST,
    "p_board_member_end": BOARDS_POST,
    "p_meeting_new": BOARDS_POST,
    "p_meeting": BOARDS,
    "p_meeting_minutes": BOARDS_POST,
    "cheongwon": PUBLIC_PAGE,
    "cheongwon_post": PUBLIC_POST,
    "cheongwon_receipt": PUBLIC_POST,  # nothing filed in this session: back to the form
    # --- the 민원조정위원회 (/committee/) -----------------------------------------------------------------------
    "c_meetings": BOARDS,
    "c_meeting_new": BOARDS_POST,
    "c_meeting": BOARDS,
    "c_item_add": BOARDS_POST,
    "c_item_decide": BOARDS_POST,
    "c_minutes": BOARDS_POST,
    "c_members": BOARDS,
    "c_member_add": BOARDS_POST,
    "c_member_remove": BOARDS_POST,
    "c_review": BOARDS,
    # --- 공익신고 (/complaints/reports/) -------------------------------------------------------------------------
    "r_list": REGISTER,
    "r_create": REGISTER_W,
    "r_create_post": REGISTER_POST,
    "r_export": REGISTER,
    "r_detail": REGISTER,
    "r_act_investigate": REGISTER_POST,
    "r_act_refer": REGISTER_POST,
    "r_act_notice": REGISTER_POST,
    "r_act_finish": REGISTER_POST,
    "r_act_acrc": with_outcome(REGISTER_POST, 400, "head", "complaints"),  # not finished yet
    "r_act_unknown": with_outcome(REGISTER_POST, 404, "head", "complaints"),
    # the sealed identity: the designated officer (complaints) and the vault's custodian (head)
    "r_identity": (L, 200, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "r_identity_post": (L, 400, 404, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404),  # head is not designated
    "r_officers": REGISTER,
    "r_officer_designate": HEAD_ONLY_POST,
    "r_officer_revoke": HEAD_ONLY_POST,
    # --- 납세자보호관 (/complaints/taxpayer/) ----------------------------------------------------------------------
    "t_list": REGISTER,
    "t_create": REGISTER_W,
    "t_create_post": REGISTER_POST,
    "t_detail": REGISTER,
    "t_close": REGISTER_POST,
    # --- 특이민원·직원 보호 (/complaints/protection/) -------------------------------------------------------------
    "s_index": STAFF_PAGE,
    "s_mark": REGISTER_POST,
    "s_requests": STAFF_PAGE,
    "s_request_create": (L, 302, 302, 302, 302, 302, 302, 302, 302, 404, 403, 302, 404),
    "s_request_decide": (L, 302, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403, 404),
    "s_consultations": REGISTER,
    "s_consultation_create": REGISTER_POST,
    "s_complainant": REGISTER,
    "s_complainant_incident": REGISTER_POST,
    "s_complainant_handler": REGISTER_POST,
    "s_complainant_unmark": REGISTER_POST,
    "s_complainant_unknown": with_outcome(REGISTER_POST, 404, "head", "complaints"),
    # --- the grievance API (/api/v1/grievances) ------------------------------------------------------------------
    "api_list": with_outcome(DESK, 401, "anonymous"),
    "api_create": (401, 201, 403, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403),
    "api_detail": with_outcome(DESK, 401, "anonymous"),
    "api_transition": (401, 200, 403, 403, 403, 200, 403, 200, 200, 404, 403, 403, 404),
    "api_similar": with_outcome(DESK, 401, "anonymous"),
}  # fmt: skip
EXPECTED = matrix.expectations(TABLE, USERS)

# What a successful POST must write besides its Event (house rule 1: every write is a service writing one Event).
# A read answers with 2xx/3xx and need not write anything (the export logs only when it holds personal data).
READS = {
    "io_export": None,
    "io_export_personal": None,
    "public_status_post": None,
    "public_receipt": None,
    "cheongwon_receipt": None,
    "public_end": None,
}


# A page view that is also a write: the department opening its new assignment acknowledges it (one Event).
SEEING = {("g_detail", "liaison"), ("g_detail", "depthead")}
SEEN_CHANGES = frozenset({"core.accesslog", "core.event", "complaints.grievance"})

world = matrix.world_fixture(build)


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


# --- the tests --------------------------------------------------------------------------------------------------------


def all_requests(world: dict) -> list[tuple[str, str]]:
    return [request_for(row, world, creating=False)[:2] for row in TABLE]


def test_every_complaints_url_and_api_operation_has_a_row(world):
    from gamsa.complaints.grievances.api import router

    assert matrix.uncovered_routes("gamsa.complaints.", all_requests(world), routers=[router]) == set()


def test_the_guard_sees_a_route_without_a_row(world):
    """The guard is not vacuous: leave one row out and it names the route."""
    from gamsa.complaints.grievances.api import router

    requests = [r for r in all_requests(world) if r[1] != "/committee/review/"]
    assert matrix.uncovered_routes("gamsa.complaints.", requests, routers=[router]) == {"committee:review"}


def watched():
    return matrix.watched_models(
        "complaints",
        "approvals",
        "notices",
        "hotline",
        extra=[
            "core.event",
            "core.accesslog",
            "core.attachment",
            "core.job",
            "core.throttle",
            "core.casecounter",
        ],
    )


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("row", list(TABLE))
def test_role_url_matrix(client, world, settings, row, username):
    expected = EXPECTED[row][username]
    matrix.log_in(client, username)
    method, url, data = request_for(row, world)
    options = {"content_type": "application/json"} if row in ("api_create", "api_transition") else {}
    tables = watched()
    with matrix.Watch(tables, settings.MEDIA_ROOT) as watch:
        response = getattr(client, method)(url, data, **options)
    changed = watch.changed
    what = f"{username} {method.upper()} {url}"
    if (row, username) in SEEING:
        assert {"core.event", "complaints.grievance"} <= changed, (
            f"{what} did not acknowledge: {sorted(changed)}"
        )
        matrix.check(
            expected,
            matrix.outcome(response),
            changed,
            method=method,
            what=what,
            page_may_change=SEEN_CHANGES,
        )
    else:
        matrix.check(expected, matrix.outcome(response), changed, method=method, what=what)
    if method == "post" and expected not in matrix.REFUSED and expected < 400:
        must = READS.get(row, "core.event")
        if must is not None:
            assert must in changed, (
                f"{username} POST {url} succeeded without writing {must}: {sorted(changed)}"
            )
