"""The office's navigation, by team. Apps add their entries with `register()` in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.urls import get_script_prefix, reverse

from gamsa.core import permissions as perms
from gamsa.core import work

TEAMS = [
    ("audit", "감사팀"),
    ("investigation", "조사팀"),
    ("complaints", "민원관리팀"),
    ("patrol", "순찰팀"),
]


@dataclass
class Entry:
    section: str
    label: str
    url_name: str
    allowed: Callable = perms.can_see_office_pages
    kwargs: dict = field(default_factory=dict)
    order: int = 100
    badge: Callable | None = None  # callable(user) -> int: a count shown beside the entry (e.g. unread posts)
    badge_label: str = "읽지 않은 글"  # what the count counts, for screen readers


_ENTRIES: list[Entry] = []


def register(
    section: str,
    label: str,
    url_name: str,
    allowed: Callable | None = None,
    order: int = 100,
    badge: Callable | None = None,
    badge_label: str = "읽지 않은 글",
    **kwargs,
):
    _ENTRIES.append(
        Entry(
            section, label, url_name, allowed or perms.can_see_office_pages, kwargs, order, badge, badge_label
        )
    )


def register_section(code: str, label: str) -> None:
    """A menu section of an app's own (its label; sections appear in the order of their first entry)."""
    SECTION_LABELS.setdefault(code, label)


def _core_entries() -> list[Entry]:
    entries = [
        Entry(
            "home", "내 업무", "core:home", perms.can_see_home, order=0, badge=work.new_count,
            badge_label="새로 배정된 업무",
        )
    ]  # fmt: skip
    for code, label in TEAMS:
        entries.append(
            Entry(code, f"{label} 현황", "core:team", perms.can_see_office_pages, {"team": code}, order=0)
        )
    entries += [
        Entry("office", "조직도", "core:org", perms.can_see_office_pages, order=10),
        Entry("office", "처리기한 계산·휴무일", "core:calendar", perms.can_see_office_pages, order=20),
        Entry("office", "처리 기록", "core:events", perms.can_view_event_log, order=30),
        Entry("office", "개인정보 접근기록", "core:access_log", perms.can_view_access_log, order=40),
        Entry("office", "자료함", "core:files", perms.can_upload, order=50),
    ]
    return entries


SECTION_LABELS = {"home": "내 업무", **dict(TEAMS), "office": "업무 지원"}


@lru_cache(maxsize=1)
def _entries(count: int) -> list[Entry]:
    """Every entry in menu order; `count` (how many apps registered) keys the cache."""
    return sorted(_core_entries() + _ENTRIES, key=lambda e: e.order)


@lru_cache(maxsize=256)
def _url(url_name: str, kwargs: tuple, prefix: str) -> str:
    return reverse(url_name, kwargs=dict(kwargs) or None)


class MenuItem(NamedTuple):
    label: str
    url: str
    badge: int = 0
    badge_label: str = ""


class MenuSection(NamedTuple):
    """One section of the menu. Tuples all the way down: the rendered menu is kept per menu (menu template tag)."""

    code: str
    label: str
    items: tuple[MenuItem, ...]


def menu_for(user) -> tuple[MenuSection, ...]:
    user = perms.concrete(user)  # each entry asks about the user: once through the lazy wrapper is enough
    sections: dict[str, list[MenuItem]] = {}
    prefix = get_script_prefix()
    for entry in _entries(len(_ENTRIES)):
        if entry.allowed(user):
            url = _url(entry.url_name, tuple(sorted(entry.kwargs.items())), prefix)
            badge = entry.badge(user) if entry.badge else 0
            sections.setdefault(entry.section, []).append(
                MenuItem(entry.label, url, badge, entry.badge_label)
            )
    return tuple(
        MenuSection(code, SECTION_LABELS.get(code, code), tuple(items)) for code, items in sections.items()
    )
