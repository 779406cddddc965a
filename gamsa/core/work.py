"""What is on an official's desk. Apps register providers; the home page sorts their items.

A provider is `callable(user, now) -> Iterable[WorkItem]`. Core has none of its own cases; grievances,
findings, reviews and follow-ups register theirs when their apps land.
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


_PROVIDERS: list[Callable[..., Iterable[WorkItem]]] = []


def register_provider(provider: Callable[..., Iterable[WorkItem]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def desk(user, now: dt.datetime) -> dict[str, list[WorkItem]]:
    """Items split into overdue, due today and assigned to me (the rest), each sorted by due time."""
    today = now.astimezone(SEOUL).date()
    overdue, due_today, mine = [], [], []
    for provider in _PROVIDERS:
        for item in provider(user, now):
            if item.due_at and item.due_at < now:
                overdue.append(item)
            elif item.due_at and item.due_at.astimezone(SEOUL).date() == today:
                due_today.append(item)
            elif item.assigned_to_me:
                mine.append(item)
    far = dt.datetime.max.replace(tzinfo=SEOUL)
    for bucket in (overdue, due_today, mine):
        bucket.sort(key=lambda i: i.due_at or far)
    return {"overdue": overdue, "due_today": due_today, "assigned": mine}
