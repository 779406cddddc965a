"""Shared input checks. 주민등록번호 must never be stored: text that contains one is refused."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

RRN = re.compile(r"(?<!\d)(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s?-?\s?([1-8])(\d{6})(?!\d)")


def contains_rrn(text: str) -> bool:
    """Whether `text` holds something shaped like a resident registration number (with or without the hyphen)."""
    for match in RRN.finditer(text or ""):
        digits = "".join(match.groups())
        if len(digits) == 13:
            return True
    return False


def reject_rrn(value: str) -> None:
    if contains_rrn(value):
        raise ValidationError(
            "주민등록번호로 보이는 숫자가 있습니다. 주민등록번호는 입력하거나 저장할 수 없으니 지우고 다시 제출하세요.",
            code="rrn",
        )


# --- the input-cleaning rules (one place; gamsa/core/inputs.py applies them to every request) ---------------
#
# Every date the system accepts lies in a sane window: from EARLIEST_DATE to YEARS_AHEAD years after today. Dates
# outside it are typing errors or attacks (0001-01-01 is stored by PostgreSQL as a BC timestamp that psycopg cannot
# read back; 9999-12-31 overflows the first day-arithmetic done on it). Planned dates need room ahead (a board
# member's two-year term, next year's closures and plans); dates of things that happened (received, processed,
# answered) take the narrower EVENT_YEARS_AHEAD. A field that needs another window says so.

EARLIEST_DATE = dt.date(1990, 1, 1)
YEARS_AHEAD = 10
EVENT_YEARS_AHEAD = 1
# Integers from outside (page numbers, offsets, limits, amounts in won, ids) stay within what JSON clients can hold
# exactly (2**53 - 1, well inside SQLite's and PostgreSQL's 64-bit integers): a bigger one is refused rather than
# passed to the database driver, where offset=10**30 used to overflow. Columns narrower than that bound their own
# fields (forms and API schemas).
MAX_INT = 2**53 - 1
# Control characters other than tab, line feed and carriage return have no place in text typed by a person; NUL
# cannot even be stored by PostgreSQL.
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL = re.compile(CONTROL_PATTERN)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
CONTROL_MESSAGE = "입력에 쓸 수 없는 제어 문자(예: NUL)가 들어 있습니다. 지우고 다시 보내 주세요."


def latest_date(today: dt.date | None = None, years_ahead: int = YEARS_AHEAD) -> dt.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + years_ahead)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years_ahead, day=28)


def earliest_year() -> int:
    return EARLIEST_DATE.year


def latest_year() -> int:
    return latest_date().year


def topic(label: str) -> str:
    """`label` with its topic particle: 은 after a final consonant, else 는 (적용 시작일은, 접수일시는)."""
    last = label[-1:] if label else ""
    if "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28:
        return f"{label}은"
    return f"{label}는"


def window_text(label: str = "날짜", earliest: dt.date | None = None, years_ahead: int = YEARS_AHEAD) -> str:
    """The window as a Korean sentence, for messages that do not repeat the value."""
    first, last = earliest or EARLIEST_DATE, latest_date(years_ahead=years_ahead)
    return (
        f"{topic(label)} {first.year}. {first.month}. {first.day}.부터 "
        f"{last.year}. {last.month}. {last.day}. 사이여야 합니다"
    )


def date_window_problem(
    value: dt.date | dt.datetime | None,
    label: str = "날짜",
    earliest: dt.date | None = None,
    years_ahead: int = YEARS_AHEAD,
) -> str | None:
    """A Korean reason when `value` lies outside the sane window, else None. A field whose dates go further back
    (a rate table effective since 1977) passes its own `earliest`."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < (earliest or EARLIEST_DATE) or day > latest_date(years_ahead=years_ahead):
        return f"{window_text(label, earliest, years_ahead)} (받은 값: {day.isoformat()})."
    return None


def check_date_window(
    value: dt.date | dt.datetime | None, label: str = "날짜", earliest: dt.date | None = None
) -> None:
    """Django validator form of the window (forms and services)."""
    problem = date_window_problem(value, label, earliest)
    if problem:
        raise ValidationError(problem, code="date_window")


def year_problem(value: int, label: str = "연도") -> str | None:
    first, last = earliest_year(), latest_year()
    if not first <= value <= last:
        return f"{topic(label)} {first}년부터 {last}년 사이여야 합니다 (받은 값: {value})."
    return None


def has_control_characters(text: str) -> bool:
    return bool(_CONTROL.search(text) or _SURROGATE.search(text))


def reject_control_characters(value: str) -> None:
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")
