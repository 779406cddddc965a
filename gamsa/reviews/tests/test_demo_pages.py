"""The demo hooks (reviews, 적극행정) are idempotent and every page renders for the audit team and for the department."""

from __future__ import annotations

from gamsa.core.models import AccessLog
from gamsa.reviews.demo import load_demo_reviews
from gamsa.reviews.models import (
    ContractReview,
    ExemptionCase,
    Nomination,
    PreConsulting,
    PreExecutionReview,
    SelectionRound,
)
from gamsa.reviews.proactive.demo import load_demo_proactive


def _counts():
    return [
        m.objects.count()
        for m in (PreExecutionReview, ContractReview, Nomination, PreConsulting, ExemptionCase)
    ]


def test_demo_is_idempotent_and_pages_render(demo, login):
    load_demo_reviews()
    load_demo_proactive()
    first = _counts()
    load_demo_reviews()
    load_demo_proactive()
    assert _counts() == first == [5, 6, 10, 2, 2]
    assert Nomination.objects.filter(selected=True).count() == 8
    assert ContractReview.objects.filter(savings__isnull=False).count() == 4

    auditor = login("auditor")
    rnd = SelectionRound.objects.get()
    pre = PreExecutionReview.objects.first()
    con = ContractReview.objects.first()
    pages = [
        "/reviews/",
        "/reviews/pre/",
        "/reviews/contracts/",
        "/reviews/contracts/savings/",
        "/reviews/thresholds/",
        "/reviews/thresholds/new/",
        "/reviews/proactive/",
        f"/reviews/proactive/rounds/{rnd.public_id}/",
        "/reviews/proactive/exemption-report/",
        f"/reviews/pre/{pre.case_number}/",
        f"/reviews/contracts/{con.case_number}/",
        f"/reviews/proactive/consulting/{PreConsulting.objects.first().case_number}/",
        f"/reviews/proactive/exemptions/{ExemptionCase.objects.first().case_number}/",
    ]
    for url in pages:
        response = (login("head") if "thresholds/new" in url else auditor).get(url)
        assert response.status_code == 200, url
    assert AccessLog.objects.filter(
        target_id=str(rnd.public_id)
    ).exists()  # committee members' names were shown
    liaison = login("liaison")
    for url in [
        "/reviews/",
        "/reviews/pre/new/",
        "/reviews/contracts/new/",
        "/reviews/proactive/",
        "/reviews/proactive/consulting/new/",
        "/reviews/proactive/exemptions/new/",
    ]:
        assert liaison.get(url).status_code == 200, url
    assert liaison.get(f"/reviews/proactive/rounds/{rnd.public_id}/").status_code == 404
    home = liaison.get("/").content.decode()
    assert "감사 요청 (일상감사·계약심사)" in home
