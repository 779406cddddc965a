"""The legal calendar: the only place any deadline in gamsa is computed.

Working time is Monday–Friday 09:00–12:00 and 13:00–18:00 (지방공무원 복무규정 제2조), 8 hours a day, excluding
Saturdays, Sundays, public and substitute holidays (the `holidays` package, KR, public category) and the
administrator-editable extra closures (`Closure`).

Counting methods
- hours (민원처리법 제19조①): periods of 5 days or less, 1 day = 8 working hours, counted from the time of receipt.
- working_days (제19조②): periods of 6 days or more; the day of receipt is day 1; due 18:00 of the last day.
  For both, something received outside working time counts as received at the start of the next working period.
- calendar_days (민법 제157조, 제161조; the general rule where a law is silent, e.g. 청원법 제21조): the day of
  receipt is not counted; a last day on a Saturday, Sunday or holiday moves to the next working day.
- months (민법 제157조, 제160조, 제161조): counted from the day after. When that day is a 1st, the period ends on
  the last day of the Nth month (e.g. received 30 Sept, 1 month → 31 Oct); otherwise on the day before the
  corresponding day of the Nth month (received 15 Jan → 15 Feb), or on that month's last day if it has no such day
  (received 30 Jan → 28 Feb). Then moved to the next working day like calendar_days. An extension by months counts
  from the day after the current due day with the same rule.
- years (민법 제157조, 제160조, 제161조): N years is 12 × N months counted the same way (제160조① "연 또는 월로
  정한 때에는 역에 의하여 계산한다"). An act on 2023-03-10 with 3 years ends on 2026-03-10; on 2020-02-29 with
  5 years the count starts 2020-03-01 (a 1st), so it ends on the last day of February 2025 (2025-02-28).
  Used by 징계시효 (지방공무원법 제73조의2, see `limitation`).
- month_end (공직자윤리법 제5조①·제6조 "2개월이 되는 날이 속하는 달의 말일"): N months as `months` counts them,
  then that month's last day, moved by 제161조. 15 Jan → 15 Mar → 31 Mar; from 31 Dec → the end of February.

Due moments for day-based methods are 18:00 on the last day (the end of working hours) — see docs/adr/0003.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

SEOUL = ZoneInfo("Asia/Seoul")
PERIODS: tuple[tuple[dt.time, dt.time], ...] = ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(18)))
HOURS_PER_DAY = 8
END_OF_DAY = dt.time(18)
HOURS_METHOD_MAX_DAYS = 5  # 법 제19조①: 5일 이하는 시간 단위

METHOD_LABELS = {
    "hours": "근무시간 계산 (민원처리법 제19조①)",
    "working_days": "근무일 계산, 접수일 산입 (민원처리법 제19조②)",
    "calendar_days": "역일 계산, 초일 불산입, 말일이 휴일이면 다음 근무일 (민법 제157조·제161조)",
    "months": "월 단위 계산, 초일 불산입, 말일이 휴일이면 다음 근무일 (민법 제157조·제160조·제161조)",
    "years": "연 단위 계산, 초일 불산입, 말일이 휴일이면 다음 근무일 (민법 제157조·제160조·제161조)",
    "month_end": "월 단위 계산 후 그 날이 속하는 달의 말일, 말일이 휴일이면 다음 근무일 (민법 제157조·제160조·제161조)",
}

# 징계시효 (지방공무원법 제73조의2①): the ground of a disciplinary act → years and the article.
LIMITATION_GROUNDS: dict[str, tuple[int, str, str]] = {
    "sexual": (10, "성비위(성매매·성폭력·아동청소년 성범죄·성희롱)", "지방공무원법 제73조의2①1"),
    "property": (5, "금품·향응 수수, 공금 횡령·배임·절도·사기·유용", "지방공무원법 제73조의2①2"),
    "general": (3, "그 밖의 징계 사유", "지방공무원법 제73조의2①3"),
}


class CalendarError(ValueError):
    """A question the calendar cannot answer; the message is Korean and safe to show."""


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.KR(years=year, categories=("public",), language="ko").items())


@dataclass(frozen=True)
class Deadline:
    kind: str
    received_at: dt.datetime
    counted_from: dt.datetime
    due_at: dt.datetime
    method: str
    amount: int
    unit: str
    basis: str
    confidence: str = "high"

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "received_at": self.received_at.isoformat(),
            "counted_from": self.counted_from.isoformat(),
            "due_at": self.due_at.isoformat(),
            "method": self.method,
            "method_label": METHOD_LABELS[self.method],
            "amount": self.amount,
            "unit": self.unit,
            "basis": self.basis,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Limitation:
    """A 징계시효: when the power to discipline an act ends (the end of `expires_on`)."""

    ground: str
    years: int
    act_date: dt.date
    expires_on: dt.date
    ordinary_expires_on: dt.date  # before any extension under 제73조의2②
    basis: str
    investigation_ended_on: dt.date | None = None

    @property
    def extended(self) -> bool:
        return self.expires_on != self.ordinary_expires_on

    def as_dict(self) -> dict:
        return {
            "ground": self.ground,
            "years": self.years,
            "act_date": self.act_date.isoformat(),
            "expires_on": self.expires_on.isoformat(),
            "basis": self.basis,
        }


class LegalCalendar:
    """Working days and hours for one office. Build it once (`get_calendar()`) and reuse it for bulk work."""

    def __init__(self, closures: Iterable[tuple[dt.date, str]] = ()):
        self.closures: dict[dt.date, str] = dict(closures)
        self._closed: dict[dt.date, str | None] = {}  # holiday_name per day, for bulk work (imports, boards)
        self._next: dict[dt.date, dt.date] = {}  # next_working_day per day, same reason
        self._periods: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {}  # a day's working periods

    # --- days ---------------------------------------------------------------------------------------------
    def holiday_name(self, day: dt.date) -> str | None:
        """The reason the office is closed on `day`, or None on a working day."""
        try:
            return self._closed[day]
        except KeyError:
            name = self._closed[day] = self._holiday_name(day)
            return name

    def _holiday_name(self, day: dt.date) -> str | None:
        if day in self.closures:
            return self.closures[day]
        name = _national_holidays(day.year).get(day)
        if name:
            return name
        if day.weekday() == 5:
            return "토요일"
        if day.weekday() == 6:
            return "일요일"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.holiday_name(day) is None

    def next_working_day(self, day: dt.date, include_self: bool = False) -> dt.date:
        if include_self and self.is_working_day(day):
            return day
        try:
            return self._next[day]
        except KeyError:
            pass
        current = day + dt.timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(current):
                self._next[day] = current
                return current
            current += dt.timedelta(days=1)
        raise CalendarError("400일 안에 근무일이 없습니다. 휴무일 설정을 확인하세요.")

    def _working_periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The day's working periods as Seoul moments (whether or not the day is a working day)."""
        try:
            return self._periods[day]
        except KeyError:
            periods = self._periods[day] = [
                (dt.datetime.combine(day, start, SEOUL), dt.datetime.combine(day, end, SEOUL))
                for start, end in PERIODS
            ]
            return periods

    def latest_day_before(self, day: dt.date, days: int) -> dt.date:
        """'N일 전까지' (e.g. 공공감사법 시행령 제12조① "감사예정일 7일 전까지"), counted backwards the way 민법
        counts forwards (제157조·제159조, applied in reverse): `day` itself is not counted, the day before it is
        day 1, and the period ends at the start of day N, so the act must be done by the end of the day before
        day N, i.e. `day` − (N + 1) days. A start on Mon 12 Oct 2026 with N = 7: 11 Oct is day 1, 5 Oct day 7,
        so the notice is due by Sun 4 Oct. This is the strict, safe reading: the looser one (`day` − N, 5 Oct)
        gives one day less notice than the strict one requires. The day is not moved for holidays: moving it
        later would shorten the notice (see `previous_working_day` for advice on when to send it).
        """
        return day - dt.timedelta(days=days + 1)

    def previous_working_day(self, day: dt.date, include_self: bool = False) -> dt.date:
        """The last working day before `day` (or `day` itself if it is one and `include_self`)."""
        current = day if include_self else day - dt.timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(current):
                return current
            current -= dt.timedelta(days=1)
        raise CalendarError("400일 안에 근무일이 없습니다. 휴무일 설정을 확인하세요.")

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The working day that is `count` working days after `day` (day itself not counted)."""
        current = day
        for _ in range(count):
            current = self.next_working_day(current)
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in [start, end] inclusive."""
        count, current = 0, start
        while current <= end:
            if self.is_working_day(current):
                count += 1
            current += dt.timedelta(days=1)
        return count

    def holidays_between(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        out, current = [], start
        while current <= end:
            name = self.holiday_name(current)
            if name and (current.weekday() < 5 or current in self.closures):
                out.append((current, name))
            current += dt.timedelta(days=1)
        return out

    # --- hours --------------------------------------------------------------------------------------------
    @staticmethod
    def _local(moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise CalendarError("시각에 시간대(예: +09:00)가 있어야 합니다.")
        return moment.astimezone(SEOUL)

    def start_of_working_time(self, moment: dt.datetime) -> dt.datetime:
        """`moment` if it lies in working time, else the start of the next working period."""
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            for period_start, period_end in self._working_periods(day):
                if local < period_start:
                    return period_start
                if local < period_end:
                    return local
        return self._working_periods(self.next_working_day(day))[0][0]

    def add_working_hours(self, moment: dt.datetime, hours: float) -> dt.datetime:
        """Count `hours` of working time from `moment`. A count ending exactly at 12:00 or 18:00 is due then."""
        remaining = dt.timedelta(hours=hours)
        current = self.start_of_working_time(moment)
        if remaining <= dt.timedelta(0):
            return current
        while True:
            day = current.date()
            for period_start, period_end in self._working_periods(day):
                if current >= period_end:
                    continue
                begin = max(current, period_start)
                available = period_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
                current = period_end
            current = self._working_periods(self.next_working_day(day))[0][0]

    def working_hours_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Working hours elapsed between two moments (used to pause and resume clocks)."""
        a, b = self._local(start), self._local(end)
        if b <= a:
            return 0.0
        total = dt.timedelta(0)
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                for s, e in PERIODS:
                    ps, pe = dt.datetime.combine(day, s, SEOUL), dt.datetime.combine(day, e, SEOUL)
                    lo, hi = max(a, ps), min(b, pe)
                    if hi > lo:
                        total += hi - lo
            day += dt.timedelta(days=1)
        return total.total_seconds() / 3600

    # --- periods ------------------------------------------------------------------------------------------
    def due_in_working_days(self, received_at: dt.datetime, days: int) -> tuple[dt.datetime, dt.datetime]:
        """제19조②: the day of (effective) receipt is day 1; due at 18:00 of day `days`."""
        start = self.start_of_working_time(received_at)
        last = self.add_working_days(start.date(), days - 1)
        return start, dt.datetime.combine(last, END_OF_DAY, SEOUL)

    def due_in_calendar_days(self, received_at: dt.datetime, days: int) -> dt.datetime:
        """민법 제157조: the day of receipt is not counted; 제161조: a closed last day moves forward."""
        last = self._local(received_at).date() + dt.timedelta(days=days)
        return dt.datetime.combine(self.next_working_day(last, include_self=True), END_OF_DAY, SEOUL)

    @staticmethod
    def last_day_of_months(start: dt.date, months: int) -> dt.date:
        """민법 제157조·제160조: the last day of a period of `months` months that begins after `start`.

        The first day is not counted (제157조), so the count starts on the day after `start`. If that day is the
        1st of a month, the period is whole calendar months and ends on the last day of the Nth month (제160조①).
        Otherwise it ends on the day before the corresponding day of the Nth month (제160조②), or on that month's
        last day when the month has no corresponding day (제160조③). Saturdays and holidays are not moved here.
        """
        first = start + dt.timedelta(days=1)
        month_index = first.month - 1 + months
        year, month = first.year + month_index // 12, month_index % 12 + 1
        if first.day > _stdcal.monthrange(year, month)[1]:  # 제160조③: no corresponding day in that month
            return dt.date(year, month, _stdcal.monthrange(year, month)[1])
        # The day before the corresponding day; when `first` is a 1st this is the last day of the Nth month.
        return dt.date(year, month, first.day) - dt.timedelta(days=1)

    @staticmethod
    def month_end(day: dt.date) -> dt.date:
        return day.replace(day=_stdcal.monthrange(day.year, day.month)[1])

    def due_in_months(self, received_at: dt.datetime, months: int, month_end: bool = False) -> dt.datetime:
        """민법 제157조·제160조 (`last_day_of_months`); 제161조 moves a last day on a Saturday, Sunday or holiday to
        the next working day. Due at the end of working hours of that day. `month_end`: that month's last day."""
        last = self.last_day_of_months(self._local(received_at).date(), months)
        last = self.month_end(last) if month_end else last
        return dt.datetime.combine(self.next_working_day(last, include_self=True), END_OF_DAY, SEOUL)

    @classmethod
    def last_day_of_years(cls, start: dt.date, years: int) -> dt.date:
        """민법 제157조·제160조: the last day of a period of `years` years that begins after `start` (12 × N
        months by `last_day_of_months`). Saturdays and holidays are not moved here."""
        return cls.last_day_of_months(start, 12 * years)

    def years(self, start: dt.date, years: int) -> dt.date:
        """The last day of `years` years after `start` (민법 제157조·제160조), moved to the next working day when
        it is a Saturday, Sunday or holiday (제161조). The period runs to the end of that day."""
        if years <= 0:
            raise CalendarError("기간은 1년 이상이어야 합니다.")
        return self.next_working_day(self.last_day_of_years(start, years), include_self=True)

    def months(self, start: dt.date, months: int) -> dt.date:
        """The date form of `due_in_months`: the last day of `months` months after `start`, moved forward like
        제161조."""
        if months <= 0:
            raise CalendarError("기간은 1개월 이상이어야 합니다.")
        return self.next_working_day(self.last_day_of_months(start, months), include_self=True)

    @staticmethod
    def first_new_year_in_year(start: dt.date, nth: int) -> dt.date:
        """1 January in the `nth` year from `start` (공직자윤리법 시행령 제27조⑤ "3년째"; 2023-03-20 → 2026-01-01)."""
        year = start.year + nth - 1
        begin = dt.date(year, 3, 1) if (start.month, start.day) == (2, 29) else start.replace(year=year)
        return begin if (begin.month, begin.day) == (1, 1) else dt.date(year + 1, 1, 1)

    def limitation(
        self, ground: str, act_date: dt.date, investigation_ended_on: dt.date | None = None
    ) -> Limitation:
        """징계시효 (지방공무원법 제73조의2) of an act on `act_date` for `ground` (general | property | sexual).

        ① 10, 5 or 3 years counted by `years`. ② When proceedings could not be held because 감사원 or an
        investigative body was investigating (법 제73조) and, on the day the end-of-investigation notice arrived
        (`investigation_ended_on`), the period had run out or had less than one month left, it ends one month
        after that notice (counted by `months`). A notice that leaves a month or more changes nothing.
        """
        if ground not in LIMITATION_GROUNDS:
            known = ", ".join(LIMITATION_GROUNDS)
            raise CalendarError(f"알 수 없는 징계 사유 구분입니다: {ground}. 사용할 수 있는 값: {known}")
        years, label, article = LIMITATION_GROUNDS[ground]
        ordinary = self.years(act_date, years)
        basis = f"{article} ({label}, {years}년), 민법 제157조·제160조·제161조"
        if investigation_ended_on is None:
            return Limitation(ground, years, act_date, ordinary, ordinary, basis, None)
        if investigation_ended_on < act_date:
            raise CalendarError("수사·감사원 조사 종료 통보일은 행위일 이후여야 합니다.")
        one_month = self.months(investigation_ended_on, 1)
        # "남은 기간이 1개월 미만": the ordinary end falls before the day one month after the notice ends.
        if self.last_day_of_years(act_date, years) < self.last_day_of_months(investigation_ended_on, 1):
            return Limitation(
                ground,
                years,
                act_date,
                one_month,
                ordinary,
                basis + f", 제73조의2② (조사 종료 통보일 {investigation_ended_on.isoformat()}부터 1개월)",
                investigation_ended_on,
            )
        return Limitation(ground, years, act_date, ordinary, ordinary, basis, investigation_ended_on)

    def compute(
        self,
        *,
        received_at: dt.datetime,
        amount: int,
        unit: str,
        method: str = "auto",
        kind: str = "",
        basis: str = "",
        confidence: str = "high",
    ) -> Deadline:
        if amount <= 0:
            raise CalendarError("기간은 1 이상이어야 합니다.")
        received_local = self._local(received_at)
        if method == "auto":
            if unit == "hours":
                method = "hours"
            elif unit == "days":
                method = "hours" if amount <= HOURS_METHOD_MAX_DAYS else "working_days"
            elif unit == "months":
                method = "months"
            else:
                raise CalendarError(f"알 수 없는 기간 단위입니다: {unit}")
        if method == "hours":
            hours = amount if unit == "hours" else amount * HOURS_PER_DAY
            start = self.start_of_working_time(received_local)
            due = self.add_working_hours(start, hours)
        elif method == "working_days":
            if unit != "days":
                raise CalendarError("근무일 계산은 '일' 단위 기간에만 쓸 수 있습니다.")
            start, due = self.due_in_working_days(received_local, amount)
        elif method == "calendar_days":
            if unit != "days":
                raise CalendarError("역일 계산은 '일' 단위 기간에만 쓸 수 있습니다.")
            start = received_local
            due = self.due_in_calendar_days(received_local, amount)
        elif method in ("months", "month_end"):
            if unit != "months":
                raise CalendarError("월 단위 계산은 '개월' 단위 기간에만 쓸 수 있습니다.")
            start = received_local
            due = self.due_in_months(received_local, amount, month_end=method == "month_end")
        else:
            raise CalendarError(f"알 수 없는 계산 방법입니다: {method}")
        return Deadline(
            kind=kind,
            received_at=received_local,
            counted_from=start,
            due_at=due,
            method=method,
            amount=amount,
            unit=unit,
            basis=basis,
            confidence=confidence,
        )

    # --- moving a running clock ----------------------------------------------------------------------------
    def extend(self, due_at: dt.datetime, method: str, amount: int, unit: str) -> dt.datetime:
        """A due moment moved by a further period of the same kind (영 제21조 extensions)."""
        due_local = self._local(due_at)
        if method == "hours":
            return self.add_working_hours(due_local, amount if unit == "hours" else amount * HOURS_PER_DAY)
        if method == "working_days":
            return dt.datetime.combine(self.add_working_days(due_local.date(), amount), END_OF_DAY, SEOUL)
        if method == "calendar_days":
            return self.due_in_calendar_days(due_local, amount)
        if method in ("months", "month_end"):
            return self.due_in_months(due_local, amount, month_end=method == "month_end")
        raise CalendarError(f"알 수 없는 계산 방법입니다: {method}")

    def shift_for_pause(
        self, due_at: dt.datetime, method: str, paused_from: dt.datetime, paused_until: dt.datetime
    ) -> tuple[dt.datetime, str]:
        """The due moment after a period that is not counted (보완, 현장조사: 영 제17조⑤, 제20조).

        Hours clocks move by the working hours that passed; working-day clocks by the working days after the
        day the pause began up to and including the day it ended; calendar clocks by the calendar days.
        Returns the new due moment and a Korean description of the shift.
        """
        due_local = self._local(due_at)
        start, end = self._local(paused_from), self._local(paused_until)
        if end <= start:
            return due_local, "변동 없음"
        if method == "hours":
            hours = self.working_hours_between(start, end)
            if hours <= 0:
                return due_local, "변동 없음"
            return self.add_working_hours(due_local, hours), f"근무시간 {hours:g}시간"
        if method == "working_days":
            days = self.working_days_between(start.date() + dt.timedelta(days=1), end.date())
            if days <= 0:
                return due_local, "변동 없음"
            new_day = self.add_working_days(due_local.date(), days)
            return dt.datetime.combine(new_day, END_OF_DAY, SEOUL), f"근무일 {days}일"
        days = (end.date() - start.date()).days
        if days <= 0:
            return due_local, "변동 없음"
        return self.due_in_calendar_days(due_local, days), f"{days}일"


# --- database-backed entry points -------------------------------------------------------------------------------


def get_calendar() -> LegalCalendar:
    """The calendar with the administrator's extra closures. One small query; reuse the object for bulk work."""
    from gamsa.core.models import Closure

    return LegalCalendar(Closure.objects.values_list("date", "name"))


def deadline_for(kind: str, received_at: dt.datetime, calendar: LegalCalendar | None = None) -> Deadline:
    """The due moment of a legal clock of `kind` (a DeadlineRule) started at `received_at`."""
    rule = _active_rule(kind)
    return (calendar or get_calendar()).compute(
        received_at=received_at,
        amount=rule.amount,
        unit=rule.unit,
        method=rule.method,
        kind=rule.kind,
        basis=rule.basis,
        confidence=rule.confidence,
    )


@dataclass(frozen=True)
class Cycle:
    """The n-th period of a clock that repeats from one start (see `repeating_deadline`)."""

    number: int
    opens_on: dt.date  # the day the n-th period is complete; a notice from this day on answers it
    deadline: Deadline


def _active_rule(kind: str):
    from gamsa.core.models import DeadlineRule

    rule = DeadlineRule.objects.filter(kind=kind, active=True).first()
    if rule is None:
        raise CalendarError(f"알 수 없는 처리기간 종류입니다: {kind}")
    return rule


def _cycle(rule, cal: LegalCalendar, received_at: dt.datetime, number: int) -> Cycle:
    deadline = cal.compute(
        received_at=received_at,
        amount=rule.amount * number,
        unit=rule.unit,
        method=rule.method,
        kind=rule.kind,
        basis=rule.basis,
        confidence=rule.confidence,
    )
    if deadline.method == "calendar_days":
        opens_on = deadline.received_at.date() + dt.timedelta(days=rule.amount * number)
    else:  # other methods: the period is complete on its last (working) day
        opens_on = deadline.due_at.astimezone(SEOUL).date()
    return Cycle(number=number, opens_on=opens_on, deadline=deadline)


def repeating_deadline(
    kind: str, received_at: dt.datetime, number: int, calendar: LegalCalendar | None = None
) -> Cycle:
    """The `number`-th period of a clock that repeats, every one counted from the same start.

    민원처리법 시행령 제23조②: progress notices are due "민원이 접수된 날부터 30일이 지날 때마다", so the n-th one
    falls due n × 30 days after the day of receipt (counted like any `calendar_days` clock: the day of receipt not
    counted, a closed last day moved to the next working day). A notice sent early (on the complainant's request,
    제23조①) or late never moves the next one. The period and method come from the DeadlineRule of `kind` (data).
    """
    if number < 1:
        raise CalendarError("회차는 1 이상이어야 합니다.")
    return _cycle(_active_rule(kind), calendar or get_calendar(), received_at, number)


def current_cycle(
    kind: str, received_at: dt.datetime, now: dt.datetime, calendar: LegalCalendar | None = None
) -> tuple[Cycle | None, Cycle]:
    """The latest period of a repeating clock whose due day has begun by `now` (None before the first one), and
    the next period."""
    rule, cal = _active_rule(kind), calendar or get_calendar()
    previous, number = None, 1
    while True:
        cycle = _cycle(rule, cal, received_at, number)
        due_day = cycle.deadline.due_at.astimezone(SEOUL).date()
        if dt.datetime.combine(due_day, dt.time(0), SEOUL) > now:
            return previous, cycle
        previous, number = cycle, number + 1


def extend_by_days(deadline: Deadline, days: int, calendar: LegalCalendar | None = None) -> dt.datetime:
    """`deadline` + `days` days from its own last day before 제161조 moved it (공직자윤리법 제7조, 영 제27조②)."""
    if days <= 0:
        raise CalendarError("연장 기간은 1일 이상이어야 합니다.")
    start, last = deadline.received_at.astimezone(SEOUL).date(), deadline.due_at.astimezone(SEOUL).date()
    if deadline.method == "calendar_days":
        last = start + dt.timedelta(days=deadline.amount)
    elif deadline.method in ("months", "month_end"):
        last = LegalCalendar.last_day_of_months(start, deadline.amount)
        last = LegalCalendar.month_end(last) if deadline.method == "month_end" else last
    day = (calendar or get_calendar()).next_working_day(last + dt.timedelta(days=days), include_self=True)
    return dt.datetime.combine(day, END_OF_DAY, SEOUL)


def limitation(
    ground: str, act_date: dt.date, investigation_ended_on: dt.date | None = None, calendar=None
) -> Limitation:
    """징계시효 with the administrator's closures (see `LegalCalendar.limitation`)."""
    return (calendar or get_calendar()).limitation(ground, act_date, investigation_ended_on)


def now() -> dt.datetime:
    return dt.datetime.now(SEOUL)


def format_moment(moment: dt.datetime) -> str:
    """'2026. 10. 6.(화) 18:00' — how a legal due moment is written in notices."""
    local = moment.astimezone(SEOUL)
    return f"{local.year}. {local.month}. {local.day}.({'월화수목금토일'[local.weekday()]}) {local:%H:%M}"
