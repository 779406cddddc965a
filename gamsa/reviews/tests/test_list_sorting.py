"""The review ledgers (일상감사·계약심사) sort by their column headers, the deadline first by default; the sort stays
in the URL and an unknown key falls back to the default order."""

from __future__ import annotations

import re

import pytest

from gamsa.reviews.models import ContractReview, PreExecutionReview


@pytest.fixture
def records(demo):
    from gamsa.reviews.demo import load_demo_reviews

    load_demo_reviews()


def listed(html: str, prefix: str) -> list[str]:
    return re.findall(rf'<td><a href="{re.escape(prefix)}([^/"]+)/">', html)


@pytest.mark.parametrize(
    ("url", "model", "prefix"),
    [
        ("/reviews/pre/", PreExecutionReview, "/reviews/pre/"),
        ("/reviews/contracts/", ContractReview, "/reviews/contracts/"),
    ],
)
def test_ledgers_sort_by_deadline_first(records, login, url, model, prefix):
    client = login("auditor")
    html = client.get(url).content.decode()
    rows = listed(html, prefix)
    assert len(rows) >= 3
    assert rows == list(model.objects.order_by("due_at", "pk").values_list("case_number", flat=True))
    assert 'aria-sort="ascending"' in html
    late = listed(client.get(url + "?sort=-due").content.decode(), prefix)
    assert late == list(model.objects.order_by("-due_at", "-pk").values_list("case_number", flat=True))
    by_title = listed(client.get(url + "?sort=title").content.decode(), prefix)
    assert by_title == list(model.objects.order_by("title", "pk").values_list("case_number", flat=True))
    assert listed(client.get(url + "?sort=filed_by__password").content.decode(), prefix) == rows


def test_contract_ledger_sorts_by_savings_with_empty_values_last(records, login):
    client = login("auditor")
    rows = listed(client.get("/reviews/contracts/?sort=-savings").content.decode(), "/reviews/contracts/")
    savings = dict(ContractReview.objects.values_list("case_number", "savings"))
    values = [savings[r] for r in rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True) and values[: len(present)] == present
