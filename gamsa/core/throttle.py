"""Atomic attempt counters in the database (see gamsa/core/models/throttle.py for why not the cache).

`take()` reserves one attempt *before* the secret is checked, with a conditional UPDATE that the database runs
atomically (PostgreSQL re-checks the WHERE clause on the locked row; SQLite writes one at a time), so forty
concurrent guesses can never be evaluated more than `limit` times. A right answer gives its own reservation back
with `give_back()`; it never clears failures counted before it, nor anyone else's.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gamsa.core.models import Throttle


def take(scope: str, key: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Reserve one attempt of `key` in `scope`; False when `limit` attempts are already counted in the window."""
    now = now or timezone.now()
    fresh = now - window
    rows = Throttle.objects.filter(scope=scope, key=key)
    for _ in range(10):  # a lost race on the row's creation or its window reset: look again
        if rows.filter(window_start__gt=fresh, count__lt=limit).update(count=F("count") + 1):
            return True
        if rows.filter(window_start__lte=fresh).update(count=1, window_start=now):
            return True
        row = rows.values_list("count", "window_start").first()
        if row is not None:
            if row[0] >= limit and row[1] > fresh:
                return False
            continue  # created or reset by another request since our UPDATEs ran: try them again
        try:
            with transaction.atomic():
                Throttle.objects.create(scope=scope, key=key, count=1, window_start=now)
            return True
        except IntegrityError:
            continue
    return False


def give_back(scope: str, key: str) -> None:
    """Return the attempt `take()` reserved, when it turned out to be a right answer."""
    Throttle.objects.filter(scope=scope, key=key, count__gt=0).update(count=F("count") - 1)


def blocked_until(
    scope: str, key: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When the window of a key that has reached its limit ends; None when it may still be tried."""
    now = now or timezone.now()
    row = Throttle.objects.filter(
        scope=scope, key=key, count__gte=limit, window_start__gt=now - window
    ).first()
    return row.window_start + window if row else None


def clear(scope: str, key: str) -> int:
    """Forget a key's failures (an officer unlocking a receipt). Returns the rows removed."""
    deleted, _ = Throttle.objects.filter(scope=scope, key=key).delete()
    return deleted


def prune(older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete counters whose window started longer ago than `older_than` (they count nothing any more)."""
    now = now or timezone.now()
    deleted, _ = Throttle.objects.filter(window_start__lt=now - older_than).delete()
    return deleted
