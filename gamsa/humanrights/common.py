"""What every part of the human-rights app shares: the refusal types and small input checks for the services."""

from __future__ import annotations

import datetime as dt

from gamsa.core import calendar as legal


class HumanRightsError(ValueError):
    """A refused step; the message is Korean and safe to show."""


class Denied(PermissionError):
    """The actor may not do this (views turn it into 403 or 404)."""


def require(allowed: bool) -> None:
    if not allowed:
        raise Denied


def text(value, label: str, max_len: int | None = None, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise HumanRightsError(f"{label}을(를) 입력하세요.")
    if max_len and len(value) > max_len:
        raise HumanRightsError(f"{label}은(는) {max_len}자 이내로 입력하세요.")
    return value


def day(value, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise HumanRightsError(f"{label}을(를) 입력하세요.")
    return value


def today() -> dt.date:
    return legal.now().date()
