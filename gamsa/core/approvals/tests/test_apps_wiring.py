"""The apps' documents through 결재: a cost-review opinion's HWPX and PDF carry the 결재란; an audit result notice
starts the disposition clocks only at 결재; an internal closure closes the case only at 결재."""

from __future__ import annotations

import io
import zipfile

import pytest

from gamsa.core.approvals import services as svc
from gamsa.core.approvals.models import ApprovalStatus, Position
from gamsa.core.approvals.tests.helpers import seed, user
from gamsa.core.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _seeded(demo):
    seed()


def _hwpx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("Contents/section0.xml").decode()


def test_cost_review_opinion_signed_carries_the_signature_block_in_hwpx_and_pdf():
    from gamsa.core.tests.pdfcheck import pdf_text
    from gamsa.costing import approvals as costing_approvals
    from gamsa.costing import opinion, services
    from gamsa.costing.engine.samples import SHEET_2026

    review = services.review_sheet(user("auditor"), SHEET_2026, title="당산로 보도 정비공사")
    assert "결재:" not in _hwpx_text(opinion.write_hwpx(review))
    approval = costing_approvals.submit_opinion(user("auditor"), review)
    assert approval.signer_rank == ("dept_head" if review.stated_total < 1_000_000_000 else "deputy")
    svc.approve(user("leader"), approval)
    if approval.signer_rank == "deputy":
        svc.approve(user("head"), approval)
        Position.objects.create(
            user=user("head"), unit=OrgUnit.objects.get(name="감사담당관"), rank="deputy", title="부구청장"
        )
    approval = svc.approve(user("head"), approval)
    assert approval.status == ApprovalStatus.APPROVED and approval.number == "감사담당관-1"
    text = _hwpx_text(opinion.write_hwpx(review))
    assert "감사팀장" in text and "전결" in text and "문서번호: 감사담당관-1" in text
    pdf = pdf_text(opinion.write_pdf(review))
    assert "전결" in pdf and "감사담당관-1" in pdf


def test_audit_result_notice_starts_the_clocks_only_at_the_final_signature(demo):
    import datetime as dt

    from gamsa.audits.approvals import result_approval, submit_result
    from gamsa.audits.models import Disposition
    from gamsa.audits.tests.helpers import engagement as make_engagement
    from gamsa.audits.tests.helpers import finding_with

    engagement = make_engagement(state="resulting", start=dt.date(2026, 6, 15))
    finding_with(engagement)
    submit_result(user("auditor"), engagement)
    approval = result_approval(engagement)
    assert [s.assignee.username for s in approval.steps.order_by("order")][:2] == ["auditor", "leader"]
    svc.approve(user("leader"), approval)
    engagement.refresh_from_db()
    assert engagement.result_notified_at is None
    signer = approval.steps.get(role="sign").assignee
    approval = svc.approve(signer, approval)
    engagement.refresh_from_db()
    assert engagement.result_notified_at == approval.approved_at
    assert not Disposition.objects.filter(finding__engagement=engagement, status="draft").exists()
