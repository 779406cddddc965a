"""The pieces every app's role × URL access matrix shares (the first was gamsa/core/tests/test_permissions.py).

An app's matrix is one test module with
- `ACCOUNTS`: the columns, one demo account per role (`anonymous` is a client that never logged in),
- a table: one row per request (a GET page or a POST action) with the expected status for each account, written
  out by hand from the rules (not derived from the app's permissions module, so a wrong rule fails the test);
  `LOGIN` means "sent to the login page",
- a module-scoped world (`world_fixture`): the demo district loaded once per module plus the objects the rows
  work on, all rolled back at the module's end (each test runs in its own nested transaction),
- the guard `uncovered_routes`: every URL of the app (and every operation of its API router) needs a row,
- `Watch`: what one request changed in the watched tables and under MEDIA_ROOT, to assert that a refused request
  (403, 404, the login page) changed nothing at all, and that an allowed page view changed nothing but the access log.

A matrix may instead name the counters a view could change (`counts`, `difference`, `assert_outcome`): then an
allowed POST is checked to change exactly what its row says (patrols, open311, reviews), and `route_names(namespace)`
lists the routes of one URL namespace for the guard.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from gamsa.conftest import FAST_HASHERS, verified_login
from gamsa.core.models import User

LOGIN = "login"  # an anonymous request sent to /login/?next=…
ACCOUNTS = (
    "anonymous", "head", "leader", "auditor", "investigator", "complaints", "patrol",
    "liaison", "depthead", "volunteer", "council", "admin", "citizen",
)  # fmt: skip
SIGNED_IN = ACCOUNTS[1:]  # every account but the anonymous client
REFUSED = (403, 404, 405, LOGIN)

# Tables that only grow: compared by row count and highest id (hashing them whole on every request is slow).
APPEND_ONLY = {"core.event", "core.accesslog"}


def expectations(table: dict[str, tuple], accounts: Iterable[str] = ACCOUNTS) -> dict[str, dict[str, object]]:
    """{row: {account: expected}} from a table whose rows list the expected outcome in the order of `accounts`."""
    accounts = tuple(accounts)
    return {row: dict(zip(accounts, outcomes, strict=True)) for row, outcomes in table.items()}


def log_in(client, username: str):
    """The Django test client as `username` with 2FA passed; `anonymous` stays signed out."""
    if username == "anonymous":
        client.logout()
        return client
    return verified_login(client, User.objects.get(username=username))


def outcome(response) -> int | str:
    """The response's status, or LOGIN for a redirect to the login page."""
    if response.status_code == 302 and response["Location"].startswith("/login/?next="):
        return LOGIN
    return response.status_code


# --- the guard: every route of the app has a row -------------------------------------------------------------------


def _walk(patterns, namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            extra = (pattern.namespace,) if pattern.namespace else ()
            yield from _walk(pattern.url_patterns, namespaces + extra)
        elif isinstance(pattern, URLPattern):
            yield ":".join(namespaces + (pattern.name or "",)), pattern.callback


def app_routes(module_prefix: str, routers: Iterable = ()) -> set[str]:
    """The view names of every page whose view lives under `module_prefix` (e.g. "gamsa.complaints."), and
    "METHOD api:name" for every operation of the given django-ninja routers."""
    found = {
        name
        for name, callback in _walk(get_resolver().url_patterns)
        if getattr(callback, "__module__", "").startswith(module_prefix)
    }
    for router in routers:
        for path_view in router.path_operations.values():
            url_name = path_view.url_name or path_view.operations[0].view_func.__name__
            for operation in path_view.operations:
                found |= {f"{method} api:{url_name}" for method in operation.methods}
    return found


def route_of(method: str, url: str) -> str:
    """The route a request reaches, named as `app_routes` names it."""
    match = resolve(url.split("?", 1)[0])
    if getattr(match.func, "__module__", "").startswith("ninja"):
        return f"{method.upper()} {match.view_name}"
    return match.view_name


def route_names(namespace: str) -> set[str]:
    """Every named route under the URL namespace `namespace`, through its includes."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    names = (name.rsplit(":", 1)[-1] for name, _callback in _walk(resolver.url_patterns))
    return {name for name in names if name}


def uncovered_routes(
    module_prefix: str, requests: Iterable[tuple[str, str]], routers: Iterable = ()
) -> set[str]:
    """Routes of the app that no (method, url) of the table reaches: the guard asserts this is empty."""
    return app_routes(module_prefix, routers) - {route_of(method, url) for method, url in requests}


# --- the world: the demo district and the rows' objects, once per module ----------------------------------------------


def world_fixture(build: Callable[[], dict]):
    """A module-scoped fixture: the demo district (gamsa/conftest.py `demo_module`) plus `build()`'s objects, made
    inside the module's transaction and rolled back with it. Keep public identifiers in the world (case numbers,
    UUIDs), not model instances: each test rolls its own changes back, instances would go stale.
    Files the build stores go to a temporary folder of the module."""

    @pytest.fixture(scope="module")
    def world(demo_module, django_db_blocker, tmp_path_factory):
        from django.test import override_settings

        media = tmp_path_factory.mktemp("matrix-media")
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media):
            return build()

    return world


# --- the snapshot: nothing changes on a refusal --------------------------------------------------------------------


def watched_models(*app_labels: str, extra: Iterable[str] = ()) -> list[type[models.Model]]:
    """Every model of the given apps plus the named ones ("core.event"), auto-created M2M tables included."""
    found = []
    for label in app_labels:
        found += list(apps.get_app_config(label).get_models(include_auto_created=True))
    found += [apps.get_model(name) for name in extra]
    return found


def _fingerprint(model: type[models.Model]) -> str:
    label = model._meta.label_lower
    if label in APPEND_ONLY:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return f"{model.objects.count()}:{last}"
    digest = hashlib.sha256()
    for row in model.objects.order_by("pk").values_list():
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _change_mark() -> int:
    """How many rows this connection has written so far: SQLite's `total_changes()`, PostgreSQL's row counts of the
    current transaction. It only grows, so an unchanged mark means nothing was written at all."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            )
        else:
            cursor.execute("SELECT total_changes()")
        return int(cursor.fetchone()[0])


def _media(media_root) -> str:
    root = Path(media_root)
    return (
        ",".join(sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()))
        if root.exists()
        else ""
    )


def _state(watched: list[type[models.Model]]) -> dict[str, str]:
    return {model._meta.label_lower: _fingerprint(model) for model in watched}


class Watch:
    """What one request changed in the watched tables (every row; append-only ones by count and last id) and under
    MEDIA_ROOT, as `changed` (the table labels and "media_files"):

        with Watch(tables, settings.MEDIA_ROOT) as watch:
            response = client.post(url, data)
        assert watch.changed == set()

    Cheap when nothing was written (most refusals): the database's change mark did not move, so no table is read.
    Otherwise the tables are fingerprinted as the request left them, the request's writes are rolled back to a
    savepoint taken on entry and the tables fingerprinted again as they were. So after the block the database is as
    it was before the request: read `changed`, not the rows."""

    def __init__(self, watched: list[type[models.Model]], media_root):
        self.watched, self.media_root = watched, media_root
        self.changed: set[str] = set()

    def __enter__(self) -> Watch:
        self.savepoint = transaction.savepoint()
        self.mark = _change_mark()
        self.media = _media(self.media_root)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None:
            return False
        if _change_mark() != self.mark:
            after = _state(self.watched)
            transaction.savepoint_rollback(self.savepoint)
            before = _state(self.watched)
            self.changed = {label for label, value in after.items() if before[label] != value}
        else:
            transaction.savepoint_commit(self.savepoint)
        if _media(self.media_root) != self.media:
            self.changed.add("media_files")
        return False


def check(
    expected, got, changed: set[str], *, method: str, what: str, page_may_change=frozenset({"core.accesslog"})
) -> None:
    """The assertions of one cell: the status, nothing changed on a refusal, a GET page changed at most the
    access log (`page_may_change`)."""
    assert got == expected, f"{what}: expected {expected}, got {got}"
    if expected in REFUSED:
        assert changed == set(), f"{what}: a refused request changed {sorted(changed)}"
    elif method.lower() == "get":
        assert changed <= set(page_may_change), f"{what}: a page view changed {sorted(changed)}"


# --- counters: exactly what an allowed request changes ----------------------------------------------------------------


def media_files(root) -> int:
    root = Path(root)
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def counts(counters: dict[str, Callable[[], object]], media_root) -> dict[str, object]:
    """The value of every counter (a row count, or any comparable fingerprint such as the statuses of a table's
    rows) and the number of files under MEDIA_ROOT."""
    values = {name: read() for name, read in counters.items()}
    values["media_files"] = media_files(media_root)
    return values


def difference(before: dict, after: dict) -> dict[str, object]:
    """What changed: the difference of each count, "changed" for any other value that is not the same."""
    delta = {}
    for key, old in before.items():
        new = after[key]
        if new != old:
            delta[key] = new - old if isinstance(old, int) and isinstance(new, int) else "changed"
    return delta


def assert_outcome(response, expected_status, before: dict, after: dict, success: dict, label: str) -> None:
    """The status is the table's; a refusal changed nothing; an allowed request changed exactly `success`."""
    got = outcome(response)
    assert got == expected_status, f"{label}: {got}, expected {expected_status}"
    delta = difference(before, after)
    if expected_status in REFUSED:
        assert delta == {}, f"{label}: a refused request changed {delta}"
    else:
        assert delta == success, f"{label}: changed {delta}, expected {success}"
