"""Re-keying when a grant is taken away (ADR 0023, "Re-keying"): after a recusal or a revocation the report key is
new everywhere, the revoked person's sealed key is gone, and the old report key — even one the revoked handler
copied while they held it — opens nothing kept or written afterwards: not the answers, not the old or new
messages, not the file names, keys or bodies. The others and the reporter carry on."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from gamsa.core.models import Event
from gamsa.hotline import crypto, receipts
from gamsa.hotline import services as svc
from gamsa.hotline.models import Attachment, Message, Report, ReportKeyGrant
from gamsa.hotline.services.common import ctx
from gamsa.hotline.tests.conftest import ANSWERS, new_report, private, user
from gamsa.hotline.tests.test_canary import upload

BODY = b"rekey file body " * 9000  # 144 kB: three 64 KiB chunks


def _opens(key: bytes, report: Report) -> list[str]:
    """Every place of `report` that `key` still opens (the answers, messages, file names, file keys, bodies)."""
    report.refresh_from_db()
    opened = []

    def tries(label, blob, place):
        try:
            crypto.open_box(key, bytes(blob), place)
        except crypto.DecryptionError:
            return
        opened.append(label)

    tries("answers", report.answers_box, ctx(report, "answers"))
    if report.result_box:
        tries("result", report.result_box, ctx(report, "result"))
    for m in Message.objects.filter(report=report):
        tries(f"message {m.pk}", m.box, ctx(report, f"message:{m.public_id}"))
    for a in Attachment.objects.filter(report=report):
        tries(f"file name {a.pk}", a.name_box, ctx(report, f"file:{a.public_id}|name"))
        tries(f"file key {a.pk}", a.key_box, ctx(report, f"file:{a.public_id}|key"))
    return opened


def _scenario():
    report, receipt = new_report(files=[upload("기록.txt", BODY)])
    svc.assign(user("head"), private("head"), report, user("investigator"))
    svc.assign(user("head"), private("head"), report, user("leader"))
    svc.acknowledge(user("investigator"), private("investigator"), report, "접수했습니다.")
    # What a dishonest handler could have kept while assigned: the report key and a file key.
    stolen = svc.report_key(report, user("investigator"), private("investigator"))
    old_grant = bytes(ReportKeyGrant.objects.get(report=report, user=user("investigator")).sealed_key)
    attachment = report.attachments.get()
    stolen_file_key = crypto.open_box(
        stolen, bytes(attachment.key_box), ctx(report, f"file:{attachment.public_id}|key")
    )
    old_path = Path(settings.MEDIA_ROOT) / attachment.path
    return report, receipt, stolen, old_grant, stolen_file_key, old_path


@pytest.mark.parametrize("how", ["recusal", "revocation"])
def test_revoked_handler_decrypts_nothing_afterwards(members, how, django_capture_on_commit_callbacks):
    report, receipt, stolen, old_grant, stolen_file_key, old_path = _scenario()
    assert "answers" in _opens(stolen, report)  # the stolen key worked before
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        if how == "recusal":
            svc.recuse(
                user("investigator"), private("investigator"), report, "피신고인과 같은 과에서 근무했습니다."
            )
        else:
            svc.revoke_grant(
                user("head"), private("head"), report, user("investigator"), "담당자를 바꿉니다."
            )
        assert old_path.exists()  # until the new keys are committed, the old file stays
    assert len(after_commit) == 1
    # The grant is gone: through the system nothing opens, whatever the role.
    assert not ReportKeyGrant.objects.filter(report=report, user=user("investigator")).exists()
    with pytest.raises(svc.NoKey):
        svc.report_key(report, user("investigator"), private("investigator"))
    # New content after the rotation, from both sides.
    svc.office_message(user("leader"), private("leader"), report, "추가 자료를 보내 주세요.")
    found, reporter_key = svc.find(receipt)
    svc.reporter_message(found, reporter_key, "녹음 파일을 보냅니다.")
    svc.office_message(user("head"), private("head"), report, "내부 검토 메모", internal=True)
    # Neither the stolen key nor the old sealed grant opens anything of the report now.
    assert _opens(stolen, report) == []
    copied = (
        crypto.open_from(  # a copy of the old grant row still opens — to the old key, which opens nothing
            private("investigator"), old_grant, ctx(report, f"grant:{user('investigator').public_id}")
        )
    )
    assert copied == stolen and _opens(copied, report) == []
    assert old_grant not in [bytes(g.sealed_key) for g in ReportKeyGrant.objects.all()]
    # The file body was re-encrypted under a new file key into a new file; the old one is gone.
    attachment = report.attachments.get()
    new_path = Path(settings.MEDIA_ROOT) / attachment.path
    assert new_path != old_path and not old_path.exists()
    with new_path.open("rb") as src, pytest.raises(crypto.DecryptionError):
        b"".join(crypto.iter_decrypt(stolen_file_key, f"file:{attachment.public_id.hex}|body", src))
    # The remaining holders and the reporter read everything, the new messages included.
    for who in ("head", "leader"):
        content = svc.read(report, svc.report_key(report, user(who), private(who)), for_reporter=False)
        texts = [m["text"] for m in content["messages"]]
        assert content["answers"][0][1] == ANSWERS["what"] and "녹음 파일을 보냅니다." in texts
        name, chunks = svc.file_body(report, svc.report_key(report, user(who), private(who)), attachment)
        assert name == "기록.txt" and b"".join(chunks()) == BODY
    found, reporter_key = svc.find(receipt)
    assert "추가 자료를 보내 주세요." in [
        m["text"] for m in svc.read(found, reporter_key, for_reporter=True)["messages"]
    ]
    verb = "hotline.recused" if how == "recusal" else "hotline.grant_revoked"
    event = Event.objects.get(verb=verb)
    assert event.details["rekeyed"] is True and event.details["files"] == 1 and event.details["grants"] == 2


def test_reporter_page_with_the_old_key_is_refused_not_misfiled(members):
    report, receipt = new_report()
    svc.assign(user("head"), private("head"), report, user("investigator"))
    found, page_key = svc.find(receipt)  # the reporter's open page holds this key
    svc.revoke_grant(user("head"), private("head"), report, user("investigator"), "재배정")
    with pytest.raises(svc.StaleKey):
        svc.reporter_message(found, page_key, "이 글은 옛 열쇠로 저장되면 안 됩니다.")
    assert Message.objects.filter(report=report, author="reporter").count() == 0
    found, fresh = svc.find(receipt)
    svc.reporter_message(found, fresh, "다시 보냅니다.")
    assert svc.read(found, fresh, for_reporter=True)["messages"][-1]["text"] == "다시 보냅니다."


def test_a_report_from_before_the_reporter_key_pair_keeps_working(members):
    """An old report (box under the receipt's key, no public key) re-keyed before its reporter returns: the new key
    waits in the bridge; the reporter's next return opens it and upgrades the wrap."""
    from gamsa.hotline.services.common import pepper

    report, receipt = new_report()
    key = svc.report_key(report, user("head"), private("head"))
    _, wrap = crypto.receipt_secrets(pepper(), receipts.normalise(receipt))
    Report.objects.filter(pk=report.pk).update(
        reporter_public=None, reporter_box=crypto.seal_box(wrap, key, ctx(report, "reporter"))
    )
    svc.assign(user("head"), private("head"), report, user("investigator"))
    svc.recuse(user("investigator"), private("investigator"), report, "이해충돌이 있습니다.")
    report.refresh_from_db()
    assert report.reporter_bridge and not report.reporter_public
    found, new_key = svc.find(receipt)
    assert new_key != key and svc.read(found, new_key, for_reporter=True)["answers"]
    report.refresh_from_db()
    assert report.reporter_public and not report.reporter_bridge
    assert svc.find(receipt)[1] == new_key


def test_reporter_page_open_across_a_rekeying_asks_for_the_receipt_again(members, client):
    report, receipt = new_report()
    svc.assign(user("head"), private("head"), report, user("investigator"))
    page = client.post("/hotline/mine/", {"receipt": receipt})
    token = page.context["token"]
    svc.recuse(user("investigator"), private("investigator"), report, "이해충돌이 있습니다.")
    response = client.post(
        "/hotline/mine/", {"token": token, "action": "message", "text": "옛 화면에서 보냄"}
    )
    assert response.status_code == 400 and svc.STALE_KEY in response.content.decode()
    assert not Message.objects.filter(report=report, author="reporter").exists()
    again = client.post("/hotline/mine/", {"receipt": receipt})
    assert again.status_code == 200 and ANSWERS["what"] in again.content.decode()
