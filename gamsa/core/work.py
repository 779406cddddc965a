"""What is on an official's desk. Apps register providers; the home page sorts their items.

A provider is `callable(user, now) -> Iterable[WorkItem]`. Core has none of its own cases; grievances,
findings, reviews and follow-ups register theirs when their apps land.

New work: an item marked `new` (assigned to the user or their unit and not yet opened there) is listed under
"새로 배정" first, whatever its deadline; the menu's "내 업무" shows how many there are, from the counters apps register
(`register_new_counter(callable(user) -> int)`, one cheap COUNT each, asked on every page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gamsa.core.calendar import SEOUL


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    kind_label: str
    due_at: dt.datetime | None = None
    status_label: str = ""
    assigned_to_me: bool = False
    reference: str = ""
    urgent: bool = False  # shown in red (e.g. a 징계시효 under 60 days away)
    new: bool = False  # newly assigned to me or my unit and not yet opened
    acknowledge_url: str = ""  # where a POST confirms a new item without opening it ("확인")


_PROVIDERS: list[Callable[..., Iterable[WorkItem]]] = []


@dataclass(frozen=True)
class Panel:
    """A named list on the home page beside the three desk columns (e.g. 결재할 문서)."""

    code: str
    title: str
    items: list[WorkItem]
    empty: str
    more_url: str = ""


_PANELS: list[Callable[..., Iterable[Panel]]] = []


def register_panel(provider: Callable[..., Iterable[Panel]]) -> None:
    """`provider(user, now)` returns the panels it has for the user (none when it has nothing to say)."""
    if provider not in _PANELS:
        _PANELS.append(provider)


def panels(user, now: dt.datetime) -> list[Panel]:
    return [panel for provider in _PANELS for panel in provider(user, now)]


def register_provider(provider: Callable[..., Iterable[WorkItem]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


_NEW_COUNTERS: list[Callable[..., int]] = []


def register_new_counter(counter: Callable[..., int]) -> None:
    """`counter(user)` says how many items are new for the user (the menu's count beside 내 업무)."""
    if counter not in _NEW_COUNTERS:
        _NEW_COUNTERS.append(counter)


def new_count(user) -> int:
    return sum(counter(user) for counter in _NEW_COUNTERS)


def desk(user, now: dt.datetime) -> dict[str, list[WorkItem]]:
    """Items split into new (newly assigned, not yet opened), overdue, due today and assigned to me (the rest),
    each sorted by due time. A new item that is also overdue or due today is listed in both."""
    today = now.astimezone(SEOUL).date()
    new, overdue, due_today, mine = [], [], [], []
    for provider in _PROVIDERS:
        for item in provider(user, now):
            if item.new:
                new.append(item)
            if item.due_at and item.due_at < now:
                overdue.append(item)
            elif item.due_at and item.due_at.astimezone(SEOUL).date() == today:
                due_today.append(item)
            elif item.assigned_to_me and not item.new:
                mine.append(item)
    far = dt.datetime.max.replace(tzinfo=SEOUL)
    for bucket in (new, overdue, due_today, mine):
        bucket.sort(key=lambda i: i.due_at or far)
    return {"new": new, "overdue": overdue, "due_today": due_today, "assigned": mine}
