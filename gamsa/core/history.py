"""A case's history as its readers see it: who acted by 소속·직급·성명 (unit, grade, name), never by login id;
"민원인" where a citizen acted (a citizen's account, or an act only a citizen does without one, such as filing on
the public page) and "시스템" where nobody did (background work, deadlines)."""

from __future__ import annotations

from collections.abc import Iterable

from gamsa.core.models import Event, UserKind

CITIZEN = "민원인"
SYSTEM = "시스템"


def who(event: Event, citizen_verbs: Iterable[str] = ()) -> str:
    """The actor of `event` as the history shows it (`event.actor` and its unit read with the event)."""
    actor = event.actor
    if actor is None:
        if event.verb in set(citizen_verbs):
            return CITIZEN
        if not event.actor_label or event.actor_label == SYSTEM:
            return SYSTEM
        return event.actor_label.rsplit(" (", 1)[
            0
        ]  # an account deleted since: its name, without the login id
    if actor.kind == UserKind.CITIZEN:
        return CITIZEN
    parts = [actor.unit.name if actor.unit_id else "", actor.get_grade_display(), actor.full_name]
    label = " · ".join(p for p in parts if p)
    return label if actor.full_name else (label + " · " if label else "") + actor.get_kind_display()


def case_history(target_type: str, target_id: str, *, citizen_verbs: Iterable[str] = (), limit: int = 100):
    """The events of one record, oldest first, each with `.who` (one query, the actors' units joined)."""
    verbs = frozenset(citizen_verbs)
    events = list(
        Event.objects.filter(target_type=target_type, target_id=target_id)
        .select_related("actor__unit")
        .order_by("at", "id")[:limit]
    )
    for event in events:
        event.who = who(event, verbs)
    return events
