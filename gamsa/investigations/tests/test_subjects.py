"""대상자 추가: more subject officials after receipt, through the service (with its Event and 징계시효 from core's
calendar) and through the screen (Korean messages, typed input kept)."""

from __future__ import annotations

import pytest

from gamsa.conftest import verified_login
from gamsa.core.calendar import get_calendar
from gamsa.core.models import Event, OrgUnit
from gamsa.investigations import services as svc
from gamsa.investigations.models import Allegation, AllegationType, Subject
from gamsa.investigations.tests.helpers import D, lead, planted_case, snapshot, user


def _more(name="모상현", unit="주택과", grade="5", allegations=(("drunk_driving", "2023-03-10"),)):
    return {
        "name": name,
        "unit": OrgUnit.objects.get(name=unit),
        "grade": grade,
        "position": "팀장",
        "allegations": [{"type": code, "act_date": D(day)} for code, day in allegations],
    }


def test_added_subjects_get_their_limitation_dates_and_an_event(demo):
    case = planted_case()  # 금품 수수 on 2024-05-10 → 2029-05-10
    added = svc.add_subjects(
        user("investigator"),
        case,
        [
            _more(allegations=(("drunk_driving", "2023-03-10"), ("sexual", "2020-02-29"))),
            _more(name="변지호", unit="건설과", grade="7"),
        ],
    )
    assert [s.name for s in added] == ["모상현", "변지호"]
    first = added[0]
    dates = {a.allegation_type.code: a.expires_on for a in first.allegations.all()}
    # 음주운전 → general, 3 years: act 2023-03-10 → end of 2026-03-10 (Tue); 성비위 → 10 years: 2020-02-29 →
    # 2030-02-28 (Thu)
    assert dates == {"drunk_driving": D("2026-03-10"), "sexual": D("2030-02-28")}
    cal = get_calendar()
    for a in Allegation.objects.filter(subject__in=added):
        assert a.expires_on == cal.limitation(a.ground, a.act_date).expires_on
        assert a.basis
    assert first.committee == "seoul" and added[1].committee == "district"  # 5급 → 서울시 (법 제72조①)
    case.refresh_from_db()
    assert case.nearest_expiry == D("2026-03-10")  # the new subject's general ground is now the nearest
    event = Event.objects.get(verb="investigation.subjects_added")
    assert event.target_id == case.case_number and event.details["allegations"] == 3
    assert "모상현" not in str(event.details)  # names never go into the event log


def test_adding_is_all_or_nothing_and_refused_after_the_report(demo):
    case = planted_case()
    before = snapshot()
    with pytest.raises(svc.InvestigationError, match="행위일은 접수일보다 늦을 수 없습니다"):
        svc.add_subjects(
            lead(), case, [_more(), _more(name="변지호", allegations=(("neglect", "2026-04-01"),))]
        )
    assert snapshot() == before
    with pytest.raises(svc.Denied):
        svc.add_subjects(user("auditor"), case, [_more()])
    subject = case.subjects.get()
    svc.report_findings(
        user("investigator"),
        case,
        on=D("2026-03-20"),
        report="확인",
        findings={str(subject.public_id): "확인"},
    )
    with pytest.raises(svc.InvestigationError, match="현재 상태"):
        svc.add_subjects(lead(), case, [_more()])
    assert Subject.objects.filter(case=case).count() == 1


def _post(client, url, rows):
    data = {
        "subjects-TOTAL_FORMS": "3",
        "subjects-INITIAL_FORMS": "0",
        "subjects-MIN_NUM_FORMS": "0",
        "subjects-MAX_NUM_FORMS": "10",
    }
    for i, row in enumerate(rows):
        data |= {f"subjects-{i}-{k}": v for k, v in row.items()}
    return client.post(url, data)


def test_the_screen_adds_subjects_and_keeps_typed_input_on_error(client, demo):
    case = planted_case()
    url = f"/investigations/{case.case_number}/subjects/new/"
    verified_login(client, user("investigator"))
    detail = client.get(f"/investigations/{case.case_number}/").content.decode()
    assert url in detail  # the case screen links the add-subjects screen
    page = client.get(url)
    assert page.status_code == 200 and "추가 대상자 1" in page.content.decode()
    unit = OrgUnit.objects.get(name="주택과").pk
    drunk = AllegationType.objects.get(code="drunk_driving").pk

    # nothing typed: a Korean message, nothing added
    empty = _post(client, url, [])
    assert empty.status_code == 400 and "추가할 대상자를 한 명 이상 입력하세요." in empty.content.decode()

    # a row without its act date, another one correct: both rows come back as typed, nothing is added
    bad = _post(
        client,
        url,
        [
            {"name": "모상현", "unit": unit, "grade": "6", "position": "주무관", "allegation_type": drunk},
            {
                "name": "변지호",
                "unit": unit,
                "grade": "7",
                "allegation_type": drunk,
                "act_date": "2023-03-10",
            },
        ],
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "필수 항목" in html  # Django's Korean "이 필드는 필수 항목입니다."
    assert 'value="모상현"' in html and 'value="변지호"' in html and 'value="2023-03-10"' in html
    assert Subject.objects.filter(case=case).count() == 1

    # an act date after the receipt: the service's Korean message, the input kept
    late = _post(
        client,
        url,
        [{"name": "모상현", "unit": unit, "grade": "6", "allegation_type": drunk, "act_date": "2026-05-01"}],
    )
    assert late.status_code == 400
    assert "행위일은 접수일보다 늦을 수 없습니다." in late.content.decode()
    assert 'value="2026-05-01"' in late.content.decode()

    ok = _post(
        client,
        url,
        [
            {
                "name": "모상현",
                "unit": unit,
                "grade": "6",
                "allegation_type": drunk,
                "act_date": "2023-03-10",
            },
            {
                "name": "변지호",
                "unit": unit,
                "grade": "7",
                "allegation_type": drunk,
                "act_date": "2024-01-05",
            },
        ],
    )
    assert ok.status_code == 302 and ok["Location"] == f"/investigations/{case.case_number}/"
    names = list(Subject.objects.filter(case=case).order_by("id").values_list("name", flat=True))
    assert names == ["탁민재", "모상현", "변지호"]
    shown = client.get(ok["Location"]).content.decode()
    assert "2026. 3. 10." in shown and "대상자 추가" in shown
