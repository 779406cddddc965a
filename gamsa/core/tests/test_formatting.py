import datetime as dt

import pytest
from django.template import Context, Template

from gamsa.core.calendar import SEOUL
from gamsa.core.logfilters import mask
from gamsa.core.templatetags.krfmt import comma, kdate, kdatetime, thousand_won, won
from gamsa.core.validators import contains_rrn


def test_korean_dates():
    assert kdate(dt.date(2026, 11, 26)) == "2026. 11. 26."
    assert kdate(dt.date(2026, 11, 26), True) == "2026. 11. 26.(목)"
    # An aware UTC moment is shown in Seoul time: 2026-11-25 16:30 UTC is 26 Nov 01:30 KST.
    assert kdatetime(dt.datetime(2026, 11, 25, 16, 30, tzinfo=dt.UTC)) == "2026. 11. 26. 01:30"
    assert kdate(None) == ""


def test_amounts_with_unit_and_separators():
    assert won(1234000) == "1,234,000원"
    assert won("512000000") == "512,000,000원"
    assert thousand_won(271988) == "271,988천원"
    assert comma(66228) == "66,228"
    assert won("not a number") == ""


def test_django_date_filter_uses_the_korean_format():
    rendered = Template("{{ d|date }}").render(Context({"d": dt.date(2026, 11, 26)}))
    assert rendered == "2026. 11. 26."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("주민번호 900101-1234567 입니다", True),
        ("9001011234567", True),
        ("전화 010-1234-5678", False),
        ("접수번호 2026-000123", False),
        ("991332-1234567", False),  # month 13 is not a date
    ],
)
def test_resident_numbers_are_detected(text, expected):
    assert contains_rrn(text) is expected


def test_log_masking_removes_personal_data():
    masked = mask("민원인 010-1234-5678 hong@example.com 900101-1234567 접수")
    assert (
        "010-1234-5678" not in masked and "hong@example.com" not in masked and "900101-1234567" not in masked
    )
    assert "[전화]" in masked and "[이메일]" in masked and "[주민번호]" in masked


def test_remaining_tag():
    now = dt.datetime(2026, 11, 26, 10, tzinfo=SEOUL)
    out = Template("{% remaining due now %}").render(
        Context({"due": now + dt.timedelta(hours=3), "now": now})
    )
    assert out == "3시간 남음"
    out = Template("{% remaining due now %}").render(Context({"due": now - dt.timedelta(days=2), "now": now}))
    assert out == "2일 지남"


def test_decimal_and_comma_keep_korean_separators():
    from decimal import Decimal

    from gamsa.core.templatetags.krfmt import comma, decimal

    assert comma(1234567) == "1,234,567" and comma(Decimal("1234.5")) == "1,234" and comma(None) == ""
    assert decimal(1234.56, 1) == "1,234.6" and decimal(Decimal("0.25"), 1) == "0.2"  # half to even
    assert decimal(7, 1) == "7.0" and decimal("", 1) == ""


def test_the_served_application_freezes_its_loaded_code_for_the_collector():
    import gc

    import gamsa.wsgi  # noqa: F401

    assert gc.get_freeze_count() > 10_000
