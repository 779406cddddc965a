"""The workflow on concrete dates: receipts, key grants, clocks (7 days, 3 months, 6 with a justification),
messages and notes, recusal, conversion without the identity, closing, retention with a tombstone and legal hold,
identity approval (pending, approved, expired, revoked), the key-loss drill and content-free statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event
from gamsa.hotline import keys, retention, vault
from gamsa.hotline import services as svc
from gamsa.hotline.models import IdentityEnvelope, Keyring, Report, ReportKeyGrant, Tombstone
from gamsa.hotline.tests.conftest import ANSWERS, new_report, private, user


def at(y, m, d, hh=10):
    return dt.datetime(y, m, d, hh, tzinfo=SEOUL)


def test_receipt_opens_only_its_report_and_errors_are_uniform(members):
    report, receipt = new_report()
    other, other_receipt = new_report(receipt_kind="digits")
    found, key = svc.find(receipt)
    assert found == report and svc.read(found, key, for_reporter=True)["answers"][0][1] == ANSWERS["what"]
    assert svc.find(other_receipt)[0] == other
    messages = set()
    for bad in ("", "x" * 300, receipt.split()[0], "12345-12345-12345-12345-12345", receipt[:-1] + "X"):
        with pytest.raises(svc.ReceiptError) as exc:
            svc.find(bad)
        messages.add(str(exc.value))
    assert messages == {svc.UNIFORM_RECEIPT_ERROR}
    new = svc.change_receipt(report, key, "digits")
    with pytest.raises(svc.ReceiptError):
        svc.find(receipt)
    assert svc.find(new)[0] == report


def test_intake_holds_a_grant_nobody_else_any_and_assignment_is_a_key_grant(members):
    report, _ = new_report()
    assert set(ReportKeyGrant.objects.filter(report=report).values_list("user__username", flat=True)) == {
        "head"
    }
    with pytest.raises(svc.NoKey):
        svc.report_key(report, user("investigator"), private("investigator"))
    with pytest.raises(svc.NoKey):  # the wrong private key for a grant does not open it either
        svc.report_key(report, user("head"), private("investigator"))
    svc.assign(user("head"), private("head"), report, user("investigator"))
    key = svc.report_key(report, user("investigator"), private("investigator"))
    assert svc.read(report, key, for_reporter=False)["answers"]
    with pytest.raises(svc.NoKey):  # no grant, no assigning onwards
        svc.assign(user("leader"), private("leader"), report, user("leader"))
    with pytest.raises(svc.HotlineError, match="처리 담당자로 지정된"):
        svc.assign(user("head"), private("head"), report, user("auditor"))


def test_clocks_seven_days_three_months_six_with_justification(members):
    # Received Friday 25 September 2026 10:00; 7 calendar days end Friday 2 October, in 추석 (Sep 24-26) week:
    # 2 Oct 2026 is a working day; 3 October (개천절) is Saturday.
    report, _ = new_report(now=at(2026, 9, 25))
    assert report.received_at == at(2026, 9, 25)
    assert timezone.localtime(report.ack_due_at).date() == dt.date(2026, 10, 2)
    inv = user("head")
    svc.acknowledge(inv, private("head"), report, "접수했습니다.", at=at(2026, 9, 28))
    report.refresh_from_db()
    assert report.status == Report.Status.IN_PROGRESS
    # 3 months from Monday 28 September: 28 December 2026 (Monday).
    assert timezone.localtime(report.feedback_due_at).date() == dt.date(2026, 12, 28)
    with pytest.raises(svc.HotlineError, match="10자 이상"):
        svc.extend_feedback(inv, private("head"), report, "바쁨")
    svc.extend_feedback(inv, private("head"), report, "관련 부서 자료 확보와 참고인 조사가 필요합니다.")
    report.refresh_from_db()
    assert report.feedback_extended
    # 6 months from 28 September 2026: 28 March 2027 is a Sunday → Monday 29 March.
    assert timezone.localtime(report.feedback_due_at).date() == dt.date(2027, 3, 29)
    with pytest.raises(svc.HotlineError, match="한 번만"):
        svc.extend_feedback(inv, private("head"), report, "다시 한 번 연장이 필요합니다 사유.")


def test_messages_notes_and_the_result_reach_only_the_right_readers(members):
    report, receipt = new_report()
    head = user("head")
    svc.acknowledge(head, private("head"), report, "접수 확인 메시지")
    svc.office_message(head, private("head"), report, "추가 자료가 있나요?")
    svc.office_message(head, private("head"), report, "내부 메모: 참고인 후보", internal=True)
    found, key = svc.find(receipt)
    svc.reporter_message(found, key, "녹음 파일이 있습니다.")
    reporter_view = svc.read(found, key, for_reporter=True)
    texts = [m["text"] for m in reporter_view["messages"]]
    assert texts == ["접수 확인 메시지", "추가 자료가 있나요?", "녹음 파일이 있습니다."]
    office_view = svc.read(report, svc.report_key(report, head, private("head")), for_reporter=False)
    assert "내부 메모: 참고인 후보" in [m["text"] for m in office_view["messages"]]
    svc.close(head, private("head"), report, "사실로 확인되어 징계를 요구했습니다.")
    found, key = svc.find(receipt)
    assert svc.read(found, key, for_reporter=True)["result"] == "사실로 확인되어 징계를 요구했습니다."
    with pytest.raises(svc.HotlineError, match="종결된"):
        svc.reporter_message(found, key, "더 있습니다")
    for event in Event.objects.filter(verb__startswith="hotline."):
        assert "징계" not in str(event.details) and "녹음" not in str(event.details)


def test_recusal_removes_the_key_and_blocks_reassignment(members):
    report, _ = new_report()
    svc.assign(user("head"), private("head"), report, user("investigator"))
    svc.recuse(user("investigator"), private("investigator"), report, "피신고인과 같은 팀에서 근무했습니다.")
    assert not ReportKeyGrant.objects.filter(report=report, user=user("investigator")).exists()
    with pytest.raises(svc.NoKey):
        svc.report_key(report, user("investigator"), private("investigator"))
    with pytest.raises(svc.HotlineError, match="회피"):
        svc.assign(user("head"), private("head"), report, user("investigator"))
    with pytest.raises(svc.HotlineError, match="다른 담당자가 없어"):  # the last key holder cannot step aside
        svc.recuse(user("head"), private("head"), report, "사유가 있습니다.")


def test_identity_is_sealed_until_a_custodian_approves_one_named_handler(members):
    report, _ = new_report(identity={"name": "홍길순", "phone": "010-2222-3333", "email": "h@example.kr"})
    svc.assign(user("head"), private("head"), report, user("investigator"))
    svc.assign(user("head"), private("head"), report, user("leader"))
    envelope = IdentityEnvelope.objects.get(subject_id=str(report.public_id))
    assert b"\xed\x99\x8d" not in bytes(envelope.box)  # '홍' in UTF-8
    req = svc.request_identity(user("investigator"), report, "신고자 보호조치 협의가 필요합니다.")
    for who in ("investigator", "leader"):  # pending: nobody but the custodian
        with pytest.raises(vault.VaultError):
            vault.open_identity(user(who), private(who), envelope)
    with pytest.raises(vault.VaultError, match="신원 관리자만"):
        vault.approve(user("leader"), private("leader"), req)
    grant = vault.approve(user("head"), private("head"), req, days=3)
    assert vault.open_identity(user("investigator"), private("investigator"), envelope)["name"] == "홍길순"
    with pytest.raises(vault.VaultError):  # only the named handler
        vault.open_identity(user("leader"), private("leader"), envelope)
    assert AccessLog.objects.filter(user=user("investigator"), fields=vault.IDENTITY_LABELS).count() == 1
    grant.expires_at = timezone.now() - dt.timedelta(seconds=1)
    grant.save()
    with pytest.raises(vault.VaultError):  # expired
        vault.open_identity(user("investigator"), private("investigator"), envelope)
    req2 = svc.request_identity(user("investigator"), report, "다시 확인이 필요합니다.")
    grant2 = vault.approve(user("head"), private("head"), req2)
    vault.revoke(user("head"), grant2)
    with pytest.raises(vault.VaultError):  # revoked
        vault.open_identity(user("investigator"), private("investigator"), envelope)


def test_recovery_code_brings_a_key_back(members):
    """The first path of the key-loss drill (the escrow path and "cannot be recovered" are in test_recovery)."""
    from gamsa.hotline.models import Member

    Member.objects.create(user=user("auditor"), is_handler=True)
    ring, code = keys.set_up_key(user("auditor"), "first passphrase 1")
    report, _ = new_report()
    svc.assign(user("head"), private("head"), report, user("auditor"))
    with pytest.raises(keys.KeyError_, match="복구 코드가 맞지 않습니다"):
        keys.recover_with_code(user("auditor"), "0000-0000", "second passphrase 2")
    keys.recover_with_code(user("auditor"), code, "second passphrase 2")
    key = svc.report_key(report, user("auditor"), keys.open_private(user("auditor"), "second passphrase 2"))
    assert svc.read(report, key, for_reporter=False)["answers"]
    assert Event.objects.filter(verb="hotline.key_recovered", details__path="recovery_code").count() == 1
    Keyring.objects.filter(user=user("auditor")).update(recovery_box=None, escrow_box=None)
    assert keys.recovery_paths(user("auditor")) == []
    with pytest.raises(keys.Unrecoverable, match="복구할 수 없습니다"):
        keys.recover_with_code(user("auditor"), code, "fourth passphrase 4")


def test_administrator_holds_no_key(members):
    from gamsa.hotline.models import Member

    Member.objects.create(user=user("admin"), is_handler=True)
    with pytest.raises(keys.KeyError_):
        keys.set_up_key(user("admin"), "admin passphrase 123")
    assert not Keyring.objects.filter(user=user("admin")).exists()


def test_retention_deletes_with_a_tombstone_unless_held(members, settings):
    report, _ = new_report(files=[])
    kept, _ = new_report()
    head = user("head")
    svc.close(head, private("head"), report, "종결합니다.", at=at(2026, 1, 5))
    svc.close(head, private("head"), kept, "종결합니다.", at=at(2026, 1, 5))
    svc.set_legal_hold(head, kept, True, "소송 진행 중")
    report.refresh_from_db()
    assert timezone.localtime(report.retain_until).date() == dt.date(2029, 1, 5)
    assert retention.purge_expired(now=at(2029, 1, 4)) == 0
    assert retention.purge_expired(now=at(2029, 1, 6)) == 1
    assert not Report.objects.filter(pk=report.pk).exists() and Report.objects.filter(pk=kept.pk).exists()
    stone = Tombstone.objects.get(case_number=report.case_number)
    assert stone.category_code == "abuse" and stone.final_status == "closed"
    stats = retention.statistics(timezone.localtime(report.received_at).year)
    assert stats["total"] == 2 and dict(stats["by_category"]) == {"갑질": 2}


def test_files_round_trip_and_stay_encrypted_on_disk(members, settings, tmp_path):
    from gamsa.hotline.tests.test_canary import upload

    body = b"file-body-canary " * 10000
    report, receipt = new_report(files=[upload("증거.txt", body)])
    found, key = svc.find(receipt)
    att = found.attachments.get()
    name, chunks = svc.file_body(found, key, att)
    assert name == "증거.txt" and b"".join(chunks()) == body
    raw = (settings.MEDIA_ROOT / att.path).read_bytes()
    assert b"file-body-canary" not in raw and "증거".encode() not in raw
