"""The office at a glance, for the head of the audit office (감사담당관) on 내 업무: per team and kind of work the
open and overdue cases, this month's intake, the on-time rate of this year and the clocks that run out within
seven days, each figure a link to the list filtered to exactly those cases.

Apps register a provider `callable(now) -> Iterable[Line]` from their hooks; each computes its figures with one or
two aggregate queries (COUNT … FILTER), never by walking rows in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gamsa.core.calendar import SEOUL

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Figure:
    value: int | None  # None: the figure does not apply ("-")
    url: str = ""
    suffix: str = "건"
    alert: bool = False  # shown in red (overdue)


@dataclass(frozen=True)
class Line:
    team: str  # core.nav.TEAMS code
    label: str  # the kind of work ("고충민원")
    open: Figure
    overdue: Figure
    intake: Figure
    on_time: Figure  # a percentage (suffix "%"), None when nothing was finished this year
    due_soon: Figure
    order: int = 100

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (self.open, self.overdue, self.intake, self.on_time, self.due_soon)


_PROVIDERS: list[Callable[..., Iterable[Line]]] = []


def register(provider: Callable[..., Iterable[Line]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def month_start(now: dt.datetime) -> dt.datetime:
    local = now.astimezone(SEOUL)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def year_start(now: dt.datetime) -> dt.datetime:
    return month_start(now).replace(month=1)


def rate(done_on_time: int | None, done: int | None) -> int | None:
    """Whole per cent, rounded half up; None when nothing was done."""
    if not done:
        return None
    return (200 * (done_on_time or 0) + done) // (2 * done)


def at_a_glance(now: dt.datetime) -> list[Line]:
    from gamsa.core.nav import TEAMS

    team_order = {code: i for i, (code, _) in enumerate(TEAMS)}
    lines = [line for provider in _PROVIDERS for line in provider(now)]
    return sorted(lines, key=lambda line: (team_order.get(line.team, 99), line.order))
