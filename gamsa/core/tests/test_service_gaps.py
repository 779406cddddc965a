"""Writes that used to happen in views or after a service (issue 16 item 5), now services with their events:
the cost review with its uploaded workbook, the 2FA device's creation and confirmation, and the Open311 token
written by create_finding itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core import services
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Attachment, EnrolmentCode, Event, User
from gamsa.costing import services as costing
from gamsa.costing.models import CostReview
from gamsa.costing.upload import read_upload

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples" / "costing"


def person(name: str) -> User:
    return User.objects.get(username=name)


def test_cost_review_keeps_its_workbook_in_the_same_service(demo):
    content = (SAMPLES / "sample-sheet.xlsx").read_bytes()
    data, kind = read_upload(content)
    assert kind == "xlsx"
    review = costing.review_sheet(person("auditor"), data, workbook=content, workbook_name="원가계산서.xlsx")
    assert review.source_file.owner_id == str(review.public_id) and review.source_file.size == len(content)
    event = Event.objects.get(verb="cost_review.created", target_id=str(review.public_id))
    assert event.details["source_file"] is True


def test_cost_review_with_a_refused_workbook_saves_nothing(demo):
    content = (SAMPLES / "sample-sheet.xlsx").read_bytes()
    data, _ = read_upload(content)
    before = (CostReview.objects.count(), Attachment.objects.count(), Event.objects.count())
    with pytest.raises(FileRejected):
        costing.review_sheet(
            person("auditor"), data, workbook=b"MZ\x90\x00 not a workbook", workbook_name="x.xlsx"
        )
    assert (CostReview.objects.count(), Attachment.objects.count(), Event.objects.count()) == before


def test_enrolment_device_is_made_only_with_a_right_code_and_replaces_unconfirmed_ones(demo):
    auditor = person("auditor")
    TOTPDevice.objects.filter(user=auditor).delete()
    stale = TOTPDevice.objects.create(user=auditor, name="이전 시도", confirmed=False)
    _, raw = services.issue_enrolment_code(person("admin"), auditor)
    assert services.enrol_with_code(auditor, "AAAA-BBBB-CCCC") is None
    assert list(TOTPDevice.objects.filter(user=auditor)) == [stale]  # nothing changed on a wrong code
    device = services.enrol_with_code(auditor, raw)
    assert device is not None and not device.confirmed
    assert list(TOTPDevice.objects.filter(user=auditor)) == [device]
    assert EnrolmentCode.objects.get(user=auditor).used_at is not None
    assert services.enrol_with_code(auditor, raw) is None  # used up


def test_confirming_the_device_records_both_events(demo):
    auditor = person("auditor")
    device = TOTPDevice.objects.create(user=auditor, name="인증 앱", confirmed=False)
    services.record_otp_verified(auditor, device, enrolling=True)
    device.refresh_from_db()
    assert device.confirmed
    verbs = list(
        Event.objects.filter(verb__startswith="auth.otp_").order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["auth.otp_enrolled", "auth.otp_verified"]


def test_open311_token_is_written_with_the_finding(demo):
    from gamsa.patrols.findings.demo import seed_finding_categories
    from gamsa.patrols.findings.services import create_finding
    from gamsa.patrols.models import Finding, FindingCategory

    seed_finding_categories()
    finding = create_finding(
        None,
        source=Finding.Source.OPEN311,
        category=FindingCategory.objects.first(),
        title="보도 파손",
        open311_token="tok-123",
    )
    assert Finding.objects.get(pk=finding.pk).open311_token == "tok-123"
    assert Event.objects.filter(verb="finding.created", target_id=finding.case_number).count() == 1
