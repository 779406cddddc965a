"""What every ethics service shares: its refusal types, the actor check and the few input helpers."""

from __future__ import annotations

import datetime as dt

from gamsa.core import calendar as legal
from gamsa.ethics import permissions as perms


class EthicsError(ValueError):
    """A refused step; the message is Korean and safe to show."""


class Denied(PermissionError):
    pass


def require_manager(actor) -> None:
    if actor is not None and not perms.can_manage(actor):
        raise Denied


def text(value, label: str, max_len: int | None = None, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise EthicsError(f"{label}을(를) 입력하세요.")
    if max_len and len(value) > max_len:
        raise EthicsError(f"{label}은(는) {max_len}자 이내로 입력하세요.")
    return value


def day(value, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise EthicsError(f"{label}을(를) 입력하세요.")
    return value


def moment(on: dt.date) -> dt.datetime:
    """A day as the moment a clock starts (the calendar counts from the day; the time does not matter)."""
    return dt.datetime.combine(on, dt.time(9), legal.SEOUL)


def due_day(kind: str, on: dt.date, cal=None) -> dt.date:
    """The due day of core calendar clock `kind` started on `on` (a DeadlineRule: data an administrator edits)."""
    return legal.deadline_for(kind, moment(on), cal).due_at.astimezone(legal.SEOUL).date()
