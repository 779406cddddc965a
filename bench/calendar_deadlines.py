"""Benchmark: legal deadlines for a large batch of complaints with one calendar object.

Usage: GAMSA_DEBUG=true python bench/calendar_deadlines.py [count]
Prints the data size and the throughput of each counting method. Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gamsa.settings")
os.environ.setdefault("GAMSA_DEBUG", "true")

import django  # noqa: E402

django.setup()

from gamsa.core.calendar import SEOUL, LegalCalendar  # noqa: E402

CASES = [
    ("other (3 working hours)", 3, "hours", "auto"),
    ("grievance (7 days → working days)", 7, "days", "auto"),
    ("5 days → 40 working hours", 5, "days", "auto"),
    ("petition (90 calendar days)", 90, "days", "calendar_days"),
    ("disposition (3 months)", 3, "months", "auto"),
]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(2026)
    start = dt.datetime(2021, 1, 1, tzinfo=SEOUL)
    span = int(dt.timedelta(days=365 * 10).total_seconds())
    moments = [start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(count)]
    calendar = LegalCalendar()
    print(f"data: {count:,} receipt moments spread over 2021–2030 (10 years)")
    for label, amount, unit, method in CASES:
        t0 = time.perf_counter()
        for moment in moments:
            calendar.compute(received_at=moment, amount=amount, unit=unit, method=method)
        elapsed = time.perf_counter() - t0
        print(f"{label:<36} {elapsed:7.2f} s  {count / elapsed:>12,.0f} deadlines/s")


if __name__ == "__main__":
    main()
