"""Every HTML route, fuzzed: NUL bytes, overflowing integers and out-of-range dates in path parts, query strings
and form bodies, GET and POST, as each kind of demo account (and anonymously). No answer may be a server error.

The routes are enumerated from the URL configuration itself, so a new route is fuzzed without anyone adding it here;
`test_every_route_is_fuzzed` fails if the enumeration ever finds none of a kind it must find. The JSON API is fuzzed
separately by schemathesis (`make test-api`, scripts/api-fuzz.py).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gamsa.conftest import FAST_HASHERS, verified_login
from gamsa.core.demo import load_demo
from gamsa.core.models import User
from gamsa.core.validators import MAX_INT, latest_date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo (`gamsa demo`: grievances, audits, reviews, patrols, field complaints and every account),
    loaded once per module in a transaction rolled back at the module's end."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo(records=True)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# One account per kind of access: the office's teams, a department, the administrator, outsiders. (The guardian's
# and the council's pages sit behind the same rules as the citizen's and the auditor's; leaving them out keeps the
# fuzz to about 21,000 requests a database.)
ROLES = [None, "citizen", "head", "patrol", "auditor", "liaison", "admin"]

NUL = "a\x00b"
OVERFLOW = str(10**30)
FAR_FUTURE = "9999-12-31"
BC = "0001-01-01"

# Query strings: what an attacker or a fuzzer sends. The first two are refused by the input-cleaning layer; the
# last is allowed through (edge values inside the rules), so the views' own handling is exercised too.
QUERIES = [
    {"q": NUL, "verb": NUL, "status": NUL, "page": OVERFLOW, "offset": OVERFLOW, "year": "10000"},
    {
        "year": "-51",
        "start_date": FAR_FUTURE + "T00:00:00Z",
        "end_date": BC,
        "day": FAR_FUTURE,
        "unit": OVERFLOW,
    },
    {
        "page": "-1",
        "year": "1990",
        "quarter": "4",
        "month": "13",
        "date": "1990-01-01",
        "day": latest_date().isoformat(),
        "start_date": latest_date().isoformat(),
        "since": "1990-01-01",
        "until": "2026-02-30",
        "unit": str(MAX_INT),
        "department": "abc",
        "limit": "0",
        "offset": "-1",
        "per_unit": "0",
        "seed": "x",
        "q": "'\"<>%_\\",
        "sort": "-",
        "status": "없는상태",
    },
]

# Form bodies for POST: common field names with hostile values, plus a multipart body without its file.
BODIES = [
    {"title": NUL, "description": NUL, "content": NUL, "name": NUL, "note": NUL, "q": NUL},
    {
        "year": "40000",
        "amount": OVERFLOW,
        "date": FAR_FUTURE,
        "due_date": BC,
        "received_at": BC + " 09:00",
        "start_date": FAR_FUTURE,
        "end_date": BC,
        "held_on": FAR_FUTURE,
        "title": "퍼징",
        "page": OVERFLOW,
    },
]

PATH_VALUES = {
    "int": [OVERFLOW, "0"],
    "str": [NUL, FAR_FUTURE],
    "slug": ["a-b", OVERFLOW],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
    "path": [NUL, "../../etc/passwd"],
}
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _routes() -> list[tuple[str, list[tuple[str, str]]]]:
    """(route template, [(converter, name)]) for every URL pattern, with its includes' prefixes joined."""
    found = []

    def walk(resolver: URLResolver, prefix: str):
        for entry in resolver.url_patterns:
            route = prefix + _template(entry)
            if isinstance(entry, URLResolver):
                walk(entry, route)
            elif isinstance(entry, URLPattern):
                found.append(route)

    walk(get_resolver(), "")
    return sorted(set(found))


def _template(entry) -> str:
    text = str(entry.pattern)
    if text.startswith("^"):  # a regex pattern (static files, admin): named groups become str parameters
        text = _REGEX_GROUP.sub(lambda m: f"<str:{m.group(1)}>", text.lstrip("^").rstrip("$"))
        text = text.replace("\\Z", "").replace("\\", "")
    return text


def _paths(route: str) -> list[str]:
    """Concrete paths for a route: each parameter given each hostile value of its converter, all at once."""
    params = _PARAM.findall(route)
    if not params:
        return ["/" + route]
    variants = max(len(PATH_VALUES.get(conv or "str", PATH_VALUES["str"])) for conv, _ in params)
    paths = []
    for i in range(variants):

        def value(match, i=i):
            values = PATH_VALUES.get(match.group(1) or "str", PATH_VALUES["str"])
            return quote(values[i % len(values)], safe="")

        paths.append("/" + _PARAM.sub(value, route))
    return paths


ROUTES = _routes()


def test_every_route_is_fuzzed():
    """The enumeration sees the whole site: public pages, staff pages with parameters, Open311 and the API."""
    assert len(ROUTES) > 300
    assert any(r.startswith("minwon/") for r in ROUTES)
    assert any("<str:" in r or "<slug:" in r for r in ROUTES)
    assert any("<int:" in r for r in ROUTES)
    assert any(r.startswith("open311/") for r in ROUTES)


def _client(username: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if username:
        verified_login(client, User.objects.get(username=username))
    return client


def test_the_roles_exist(demo):
    """Every fuzzing role is a demo account (the fuzz would otherwise quietly drop it)."""
    assert set(User.objects.filter(username__in=ROLES).values_list("username", flat=True)) == set(ROLES) - {
        None
    }


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_route_survives_fuzzing(demo, route):
    failures = []
    clients = {role: _client(role) for role in ROLES}
    for path in _paths(route):
        for role, client in clients.items():
            for query in QUERIES:
                response = client.get(f"{path}?{urlencode(query)}")
                if response.status_code >= 500:
                    failures.append(f"GET {path}?{urlencode(query)} as {role}: {response.status_code}")
            for body in BODIES:
                response = client.post(path, body)
                if response.status_code >= 500:
                    failures.append(f"POST {path} {sorted(body)} as {role}: {response.status_code}")
            response = client.post(path, b"--x--\r\n", content_type="multipart/form-data; boundary=x")
            if response.status_code >= 500:
                failures.append(f"POST {path} (multipart without parts) as {role}: {response.status_code}")
    assert not failures, "\n".join(failures)
