"""Every integrity and board URL × every demo account (and anonymous): outsiders 404, read-only 403, and a guard
that fails when a URL of the namespaces has no row. Writes refused change nothing (test_access_writes.py)."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

ACCOUNTS = [
    "head", "leader", "auditor", "investigator", "complaints", "patrol", "liaison", "teamlead", "depthead",
    "council", "admin", "citizen", "volunteer",
]  # fmt: skip
PROGRAMME = {"head", "leader", "auditor"}
READERS = PROGRAMME | {"council"}
STAFF = {
    "head",
    "leader",
    "auditor",
    "investigator",
    "complaints",
    "patrol",
    "liaison",
    "teamlead",
    "depthead",
    "admin",
}
OFFICE = {"head", "leader", "auditor", "investigator", "complaints", "patrol"}


def rows(p) -> dict[str, tuple[str, set, set]]:
    """name → (url, allowed (200), read-only (403))."""
    year = p["year"]
    batch, rnd, post = p["batch"].number, p["round"].number, p["post"].public_id
    template = p["batch"].template.public_id
    return {
        "dashboard": ("/integrity/", READERS, set()),
        "my_pledge": ("/integrity/pledge/", STAFF, set()),
        "pledge_rates": ("/integrity/pledges/", READERS, set()),
        "pledge_unit": ("/integrity/pledges/unit/", {"depthead"}, set()),
        "pledge_texts": ("/integrity/pledges/texts/", READERS, set()),
        "training": ("/integrity/training/", READERS, set()),
        "training_mine": ("/integrity/training/mine/", STAFF, set()),
        "training_import": ("/integrity/training/import/", PROGRAMME, {"council"}),
        "training_session_create": ("/integrity/training/sessions/new/", PROGRAMME, {"council"}),
        "training_session": (f"/integrity/training/sessions/{p['session'].public_id}/", PROGRAMME, set()),
        "training_stages": ("/integrity/training/stages/", READERS, set()),
        "letters": ("/integrity/letters/", READERS, set()),
        "letters_upload": ("/integrity/letters/upload/", PROGRAMME, {"council"}),
        "letters_templates": ("/integrity/letters/templates/", READERS, set()),
        "letters_preview": (f"/integrity/letters/templates/{template}/preview.pdf", READERS, set()),
        "letters_retention": ("/integrity/letters/retention/", READERS, set()),
        "letters_detail": (f"/integrity/letters/{batch}/", READERS, set()),
        "letters_recipients": (f"/integrity/letters/{batch}/recipients/", PROGRAMME, set()),
        "survey": ("/integrity/survey/", READERS, set()),
        "survey_detail": (f"/integrity/survey/{year}/", READERS, set()),
        "survey_answer": (
            f"/integrity/survey/{year}/answer/",
            set(),
            set(),
        ),  # nobody is invited before it opens
        "monitoring": ("/integrity/monitoring/", READERS, set()),
        "monitoring_detail": (f"/integrity/monitoring/{rnd}/", READERS, set()),
        "events": ("/integrity/events/", READERS, set()),
        "event_detail": (f"/integrity/events/{p['event'].public_id}/", READERS, set()),
        "award_detail": (f"/integrity/awards/{p['award'].public_id}/", READERS, set()),
        "award_sheet": (f"/integrity/awards/{p['award'].public_id}/sheet.xlsx", READERS, set()),
        "meetings": ("/integrity/meetings/", READERS, set()),
        "meeting_detail": (f"/integrity/meetings/{p['meeting'].public_id}/", READERS, set()),
        "meeting_minutes": (f"/integrity/meetings/{p['meeting'].public_id}/minutes.pdf", READERS, set()),
        "cardnews": ("/integrity/cardnews/", READERS, set()),
        "board_list": ("/board/", STAFF, set()),
        "board_create": ("/board/new/", OFFICE, STAFF - OFFICE),
        "board_detail": (f"/board/{post}/", STAFF, set()),
        "board_receipts": (f"/board/{post}/receipts/", {"head", "leader"}, STAFF - {"head", "leader"}),
        "api_pledges": (f"/api/v1/integrity/pledges/{year}", READERS, set()),
        "api_training": (f"/api/v1/integrity/training/{year}", READERS, set()),
        "api_stages": (f"/api/v1/integrity/training/{year}/stages", READERS, set()),
        "api_risk": (f"/api/v1/integrity/risk/{year}", READERS, set()),
    }


# Routes reached only by POST (their refusals are in test_access_writes.py) or only after a job exists.
POST_ONLY = {
    "letters_produce",
    "survey_act",
    "monitoring_act",
    "award_create",
    "award_act",
    "meeting_act",
    "withdraw",
}
JOB_PAGES = {"training_import_job", "letters_import_job", "survey_export"}


def test_every_url_has_a_row():
    from gamsa.core.board.urls import urlpatterns as board
    from gamsa.integrity.urls import urlpatterns as integrity

    assert get_resolver().resolve("/integrity/").url_name == "dashboard"
    covered = (
        {name for name in rows_names()} | POST_ONLY | JOB_PAGES | {"list", "create", "detail", "receipts"}
    )
    names = {p.name for p in integrity} | {p.name for p in board}
    assert names <= covered, f"URLs without a row in the access matrix: {names - covered}"


def rows_names():
    return [
        "dashboard", "my_pledge", "pledge_rates", "pledge_unit", "pledge_texts", "training", "training_mine",
        "training_import", "training_session_create", "training_session", "training_stages", "letters",
        "letters_upload", "letters_templates", "letters_preview", "letters_retention", "letters_detail",
        "letters_recipients", "survey", "survey_detail", "survey_answer", "monitoring", "monitoring_detail",
        "events", "event_detail", "award_detail", "award_sheet", "meetings", "meeting_detail", "meeting_minutes",
        "cardnews",
    ]  # fmt: skip


def test_get_matrix(client, as_user, planted):
    table = rows(planted)
    assert set(rows_names()) <= set(table)
    failures = []
    for name, (url, allowed, read_only) in table.items():
        for account in ACCOUNTS:
            as_user(account)
            status = client.get(url).status_code
            expected = 200 if account in allowed else 403 if account in read_only else 404
            if status != expected:
                failures.append((name, account, status, expected))
        client.logout()
        anonymous = client.get(url).status_code
        if anonymous not in (302, 401):
            failures.append((name, "anonymous", anonymous, "302/401"))
    assert failures == []


@pytest.mark.parametrize("account", ["head", "depthead", "liaison"])
def test_survey_answer_page_is_for_the_invited_only(client, as_user, planted, account):
    from gamsa.integrity.survey import services as survey
    from gamsa.integrity.tests.helpers import user

    survey.open_questionnaire(user("leader"), planted["q"])
    as_user(account)
    status = client.get(f"/integrity/survey/{planted['year']}/answer/").status_code
    invited = planted["q"].invitations.filter(user__username=account).exists()
    assert invited == (account in ("head", "depthead"))  # grade 5: managers
    assert status == (200 if invited else 404)
