"""Shared parts of every app's role × URL access matrix (house rule 9; the pattern is core's own,
gamsa/core/tests/test_permissions.py): the demo accounts, the table of expected statuses written out by hand, the
guard that fails when a route of the app has no row, and the snapshot that shows a refused request changed nothing.

An app's matrix module lists its USERS (these, plus accounts of its own such as `guardian`), a TABLE of
action → statuses in the order of USERS, ROUTE (action → the URL name it covers), a `request_for(action, world)`
that gives (method, url, data), and the counters a view of the app could change. `assert_outcome` then checks one
(action, account) pair: the status, nothing changed when refused, exactly the expected change when allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

# The demo accounts every matrix covers (gamsa.core.demo): one per role, and a citizen without a role.
USERS = (
    "head", "leader", "auditor", "investigator", "complaints", "patrol",
    "liaison", "depthead", "volunteer", "council", "admin", "citizen",
)  # fmt: skip
REFUSED = (403, 404)


def expected(users: Iterable[str], table: dict[str, tuple]) -> dict[str, dict[str, int]]:
    """action → {account: status} from a table whose rows list the statuses in the order of `users`."""
    users = tuple(users)
    return {action: dict(zip(users, row, strict=True)) for action, row in table.items()}


def route_names(namespace: str) -> set[str]:
    """Every named route under the URL namespace `namespace`, through its includes."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]

    def walk(patterns) -> Iterable[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name

    return set(walk(resolver.url_patterns))


def media_files(root) -> int:
    root = Path(root)
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def snapshot(counters: dict[str, Callable[[], object]], media_root) -> dict[str, object]:
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


def assert_outcome(
    response, expected_status: int, before: dict, after: dict, success: dict, label: str
) -> None:
    """The status is the table's; a refusal changed nothing; an allowed request changed exactly `success`."""
    assert response.status_code == expected_status, (
        f"{label}: {response.status_code}, expected {expected_status}"
    )
    delta = difference(before, after)
    if expected_status in REFUSED:
        assert delta == {}, f"{label}: a refused request changed {delta}"
    else:
        assert delta == success, f"{label}: changed {delta}, expected {success}"
