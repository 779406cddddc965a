"""Writes × accounts: a refused write answers 404 (outsider) or 403 (read-only) and changes nothing at all; an
allowed one does what it says."""

from __future__ import annotations

import pytest

from gamsa.integrity.tests.helpers import snapshot

ACCOUNTS = [
    "head",
    "leader",
    "auditor",
    "investigator",
    "liaison",
    "depthead",
    "council",
    "admin",
    "citizen",
    "volunteer",
]
PROGRAMME = {"head", "leader", "auditor"}
READERS = PROGRAMME | {"council"}


def writes(p) -> list[tuple[str, str, dict, set, set]]:
    """(name, url, data, allowed, read-only 403)."""
    year = p["year"]
    batch, rnd = p["batch"].number, p["round"].number
    case = p["link"].finding.case_number
    return [
        ("pledge_text", "/integrity/pledges/texts/", {"year": year, "title": "새 판", "body": "본문", "effective_from": f"{year}-01-02"}, PROGRAMME, {"council"}),
        ("session", "/integrity/training/sessions/new/", {"course": p["session"].course_id, "title": "2차", "held_on": f"{year}-05-01"}, PROGRAMME, {"council"}),
        ("participants", f"/integrity/training/sessions/{p['session'].public_id}/", {"numbers": "31809007"}, PROGRAMME, set()),
        ("stages", "/integrity/training/stages/", {"year": year, "stage": "new", "numbers": "31809007"}, PROGRAMME, {"council"}),
        ("produce", f"/integrity/letters/{batch}/produce/", {}, PROGRAMME, {"council"}),
        ("retention", "/integrity/letters/retention/", {"effective_from": f"{year}-01-01", "retention_days": 400}, PROGRAMME, {"council"}),
        ("survey_open", f"/integrity/survey/{year}/act/open/", {}, PROGRAMME, {"council"}),
        ("monitoring_close", f"/integrity/monitoring/{rnd}/act/close/", {"finding": case}, PROGRAMME, {"council"}),
        ("monitoring_finding", f"/integrity/monitoring/{rnd}/act/finding/", {"title": "또", "unit": p["link"].finding.unit_id}, PROGRAMME, {"council"}),
        ("event", "/integrity/events/", {"kind": "quiz", "title": "퀴즈", "held_on": f"{year}-11-01"}, PROGRAMME, {"council"}),
        ("award_decide", f"/integrity/awards/{p['award'].public_id}/act/decide/", {}, PROGRAMME, {"council"}),
        ("meeting_minutes", f"/integrity/meetings/{p['meeting'].public_id}/act/minutes/", {"minutes": "요지"}, PROGRAMME, {"council"}),
        ("cardnews", "/integrity/cardnews/", {"title": "카드", "message": "내용"}, PROGRAMME, {"council"}),
        ("board_post", "/board/new/", {"title": "글", "category": "notice"}, {"head", "leader", "auditor", "investigator"}, {"liaison", "depthead", "admin"}),
        ("board_withdraw", f"/board/{p['post'].public_id}/withdraw/", {}, {"head", "leader"}, {"auditor", "investigator", "liaison", "depthead", "admin"}),
    ]  # fmt: skip


@pytest.mark.parametrize("index", range(15))
def test_refused_writes_change_nothing(client, as_user, planted, index, django_capture_on_commit_callbacks):
    name, url, data, allowed, read_only = writes(planted)[index]
    if name == "monitoring_close":  # the department has answered: the programme may close it
        from gamsa.integrity.monitoring import routing
        from gamsa.integrity.tests.helpers import user

        routing.answer_finding(user("depthead"), planted["link"].finding, answer="조치했습니다.")
    for account in ACCOUNTS:
        if account in allowed:
            continue
        as_user(account)
        before = snapshot()
        with django_capture_on_commit_callbacks(execute=True):
            status = client.post(url, data).status_code
        expected = 403 if account in read_only else 404
        assert (name, account, status) == (name, account, expected)
        assert snapshot() == before, (name, account)
    # and one allowed account's write does change something
    as_user(sorted(allowed)[0])
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        status = client.post(url, data).status_code
    assert status in (200, 302), (name, status)
    assert snapshot() != before, name
