"""What the benchmark scripts share: a database to run on (created if missing, migrated) and timing helpers."""

from __future__ import annotations

import os
import statistics
import time

# Every benchmark runs the project's settings with a throwaway key over plain HTTP (scripts may set more).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gamsa.settings")
os.environ.setdefault("GAMSA_SECRET_KEY", "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("GAMSA_HTTPS", "false")


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named by `url` if it does not exist (SQLite files create themselves)."""
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_database(url: str | None = None) -> None:
    """Point Django at `url` (or DATABASE_URL), create the database if needed, set Django up and migrate."""
    if url:
        os.environ["DATABASE_URL"] = url
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(label: str, fn, repeat: int = 5, width: int = 52):
    """Run `fn` `repeat` times; print the median and the maximum in ms; return the last result."""
    runs, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    print(f"  {label:<{width}} median {statistics.median(runs):8.1f} ms   max {max(runs):8.1f} ms")
    return result
