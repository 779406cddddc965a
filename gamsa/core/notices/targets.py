"""What a notice is about: each app registers a resolver for its case type ("complaints.grievance",
"patrols.finding") that returns the values a template may use, the citizen's contact and the staff to tell."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Contact:
    phone: str = ""
    email: str = ""


@dataclass
class Target:
    type: str
    id: str
    obj: object
    values: dict[str, str]
    citizen: Contact | None = None
    staff: list = field(default_factory=list)  # users told of staff kinds when the caller names none
    # Values never stored in clear (rendering.SECRET_MARKS), e.g. the status PIN of a receipt filed online: they
    # come from the service's memory (`schedule(..., pin=...)`), never from the database.
    secrets: dict[str, str] = field(default_factory=dict)


Resolver = Callable[[str, str, dict], "Target | None"]  # (target id, kind, extra) -> Target
_RESOLVERS: dict[str, Resolver] = {}
# (user, target id) -> may this user change the citizen's channel and resend failed notices of the case?
_MANAGERS: dict[str, Callable] = {}
_VIEWERS: dict[str, Callable] = {}  # (user, target id) -> may this user see the case at all?


def register(
    target_type: str,
    resolver: Resolver,
    *,
    can_view: Callable | None = None,
    can_manage: Callable | None = None,
) -> None:
    _RESOLVERS[target_type] = resolver
    if can_view is not None:
        _VIEWERS[target_type] = can_view
    if can_manage is not None:
        _MANAGERS[target_type] = can_manage


def can_view(user, target_type: str, target_id: str) -> bool:
    rule = _VIEWERS.get(target_type)
    return bool(rule and rule(user, target_id))


def can_manage(user, target_type: str, target_id: str) -> bool:
    rule = _MANAGERS.get(target_type)
    return bool(rule and rule(user, target_id))


def resolve(target_type: str, target_id: str, kind: str, extra: dict) -> Target | None:
    resolver = _RESOLVERS.get(target_type)
    return resolver(target_id, kind, extra) if resolver else None


def known_types() -> list[str]:
    return sorted(_RESOLVERS)


# Sources of overdue reminders: each yields (case, users to remind) for cases past their deadline at `now`.
_OVERDUE: list[Callable] = []


def register_overdue(source: Callable) -> None:
    if source not in _OVERDUE:
        _OVERDUE.append(source)


def overdue_sources() -> list[Callable]:
    return list(_OVERDUE)


def office_name() -> str:
    from gamsa.core.models import Agency

    agency = Agency.objects.order_by("pk").first()
    return f"{agency.name} 감사담당관" if agency else "감사담당관"


def public_url(path: str) -> str:
    from django.conf import settings

    base = settings.GAMSA_PUBLIC_BASE_URL
    return f"{base}{path}" if base else ""
