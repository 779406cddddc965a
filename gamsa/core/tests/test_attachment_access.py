"""Who downloads which attachment: every demo account × every kind of file, through the real download view.

A file follows the personal-data rule of the record it belongs to; the system administrator has no blanket access
(on main `admin` downloaded every file box and every grievance attachment, and leader/auditor/investigator/patrol
downloaded any department's grievance attachments). The expected outcome is written out by hand, not derived from
the permission functions. A denial is 404 and changes nothing (no access-log row, no event, no file); a download
writes exactly one access-log row naming the downloader and the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from gamsa.conftest import FAST_HASHERS, verified_login
from gamsa.core import services
from gamsa.core.models import AccessLog, Attachment, Event, OrgUnit, User

pytestmark = pytest.mark.django_db

USERS = [
    "head", "leader", "auditor", "investigator", "complaints", "patrol", "liaison", "teamlead", "depthead",
    "volunteer", "council", "admin", "citizen", "citizenauditor", "guardian", "ethics", "ethicsmember", "monitor",
]  # fmt: skip

#                      head leader audit. invest. compl. patrol liais. tlead dhead volun. council admin citiz. c.aud. guard. ethics e.memb. monit.
TABLE = {
    # the auditor's own file box
    "private_file":       (404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # the result file of the head's export job
    "job_result":         (200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # a citizen's photo on a grievance handled by 건설과 (the liaison's and the department head's unit)
    "grievance_mine":     (200, 404, 404, 404, 200, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # a file on a grievance handled by 주차관리과, uploaded by the complaint officer
    "grievance_parking":  (200, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # a guardian's photo of a patrol finding routed to 건설과 (the finding's own rule: the patrol team and office
    # leadership read every finding, the department its own, the guardian their report; the council viewer reads
    # the finding but not its photos, which may show people and car plates)
    "finding_photo":      (200, 200, 404, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    # 건설과's follow-up evidence on an audit disposition (the office reads the audit record; not the council
    # viewer: evidence may show people and documents with personal data)
    "followup_file":      (200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    # a citizen auditor's site-inspection photo (the office and the citizen auditor who filed it; not the council)
    "inspection_photo":   (200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 200, 404, 200, 404, 404),
    # the cost sheet behind a cost-rate review (the audit team and the office head)
    "cost_sheet":         (200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # a document of a property-registration review: the ethics desk only (the office head and the ethics officer);
    # a committee member reads the agenda item put to them, not the review's files
    "review_document":    (200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    # a draft ordinance's file sent by 건설과 for its 인권영향평가 (the office's human-rights readers and 건설과)
    "draft_file":         (200, 200, 404, 200, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    # a resident rights monitor's photo of a monitoring activity (the 조사팀, the monitor and their 조)
    "activity_photo":     (200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    # a merged 청렴공한문 PDF (citizens' names and addresses): the integrity programme (audit team, office head)
    "letters_file":       (200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # a file on a staff-board post addressed to 건설과, published by the audit team leader: its audience, the
    # publisher and the office head
    "board_file":         (200, 200, 404, 404, 404, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # the card-news file of a misconduct item (비위 사례): the investigation team and the office head (staff get
    # their own copy on the bulletin's board post)
    "card_file":          (200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}  # fmt: skip
EXPECTED = {kind: dict(zip(USERS, row, strict=True)) for kind, row in TABLE.items()}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _files() -> dict[str, Attachment]:
    from gamsa.audits.models import CitizenAssignment, Disposition
    from gamsa.audits.services import citizen as citizen_svc
    from gamsa.audits.services import findings as audit_svc
    from gamsa.complaints.grievances import services as gsvc
    from gamsa.costing.models import CostReview
    from gamsa.patrols.models import Finding

    people = {u.username: u for u in User.objects.filter(username__in=USERS)}
    files = {}
    files["private_file"] = services.store_attachment(
        people["auditor"], data=png(), original_name="내 자료.png"
    )
    job = services.create_job(people["head"], kind="access_log_export", label="내보내기")
    files["job_result"] = services.store_attachment(
        people["head"], data=png(), original_name="결과.png", owner=job
    )

    def grievance(department: str):
        g = gsvc.receive_grievance(
            None,
            channel="mayor_inbox",
            kind="grievance",
            title="보도블록 파손",
            body="도림로 10 앞 보도블록이 깨졌습니다.",
            complainant={"name": "이구민", "phone": "010-3333-4444"},
            with_pin=True,
        ).grievance
        gsvc.assign(people["complaints"], g, department=OrgUnit.objects.get(name=department))
        return g

    files["grievance_mine"] = services.store_attachment(
        None, data=png(), original_name="현장.png", owner=grievance("건설과")
    )
    files["grievance_parking"] = services.store_attachment(
        people["complaints"], data=png(), original_name="현장.png", owner=grievance("주차관리과")
    )
    finding = Finding.objects.get(unit__name="건설과", reported_by=people["guardian"])
    files["finding_photo"] = services.store_attachment(
        people["guardian"], data=png(), original_name="사진.png", owner=finding
    )
    disposition = Disposition.objects.filter(target_unit__name="건설과", status="open").first()
    report = audit_svc.report_followup(
        people["liaison"], disposition, text="회수했습니다.", files=[(png(), "증빙.png")]
    )
    files["followup_file"] = Attachment.objects.get(
        owner_type="audits.followupreport", owner_id=report.public_id
    )
    assignment = CitizenAssignment.objects.filter(auditor__user=people["citizenauditor"]).first()
    inspection = citizen_svc.file_inspection(
        people["citizenauditor"],
        assignment,
        observations="안전펜스 설치됨",
        issues_found=False,
        photos=[(png(), "점검.png")],
    )
    files["inspection_photo"] = Attachment.objects.get(
        owner_type="audits.siteinspection", owner_id=inspection.public_id
    )
    from gamsa.ethics.models import Review

    files["review_document"] = services.store_attachment(
        people["ethics"], data=png(), original_name="보완자료.png", owner=Review.objects.first()
    )
    from gamsa.core.board.services import attachments_of, publish_post
    from gamsa.integrity.models import Batch

    files["letters_file"] = services.store_attachment(
        people["auditor"], data=png(), original_name="편지.png", owner=Batch.objects.first()
    )
    post = publish_post(
        people["leader"],
        title="건설과 공지",
        body="",
        category="notice",
        audience_units=[OrgUnit.objects.get(name="건설과")],
        attachments=[(png(), "카드.png")],
    )
    files["board_file"] = attachments_of(post).get()
    review = CostReview.objects.first()
    files["cost_sheet"] = services.store_attachment(
        people["auditor"], data=png(), original_name="원가계산서.png", owner=review
    )
    from gamsa.humanrights.models import Activity, Draft

    draft = Draft.objects.filter(department__name="건설과").first()
    files["draft_file"] = services.store_attachment(
        people["liaison"], data=png(), original_name="개정안.png", owner=draft
    )
    from gamsa.investigations.models import MisconductItem

    files["card_file"] = services.store_attachment(
        people["investigator"], data=png(), original_name="카드뉴스.png", owner=MisconductItem.objects.first()
    )
    activity = Activity.objects.filter(monitor__user=people["monitor"]).first()
    files["activity_photo"] = services.store_attachment(
        people["monitor"], data=png(), original_name="현장.png", owner=activity
    )
    return files


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo district with every app's demo records, and one file of each kind (rolled back at the end)."""
    from django.db import transaction
    from django.test import override_settings

    from gamsa.core.demo import load_demo

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(records=True)
            yield {"files": _files(), "media": media}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def state(media: Path) -> tuple:
    return (
        AccessLog.objects.count(),
        Event.objects.count(),
        Attachment.objects.count(),
        sum(1 for p in media.rglob("*") if p.is_file()),
    )


def test_table_names_every_demo_account_and_every_registered_kind():
    from gamsa.core.demo import DEMO_LOGINS
    from gamsa.core.permissions import _ATTACHMENT_RULES

    assert set(USERS) == {username for username, _, _ in DEMO_LOGINS}
    covered = {"complaints.grievance", "patrols.finding", "audits.followupreport", "audits.siteinspection"}
    # Investigation evidence is not a core attachment: it is sealed under its case key (investigations/casefile.py).
    assert set(_ATTACHMENT_RULES) == covered | {
        "costing.costreview",
        "ethics.review",
        "humanrights.draft",
        "humanrights.activity",
        "integrity.batch",
        "board.post",
        "investigations.misconductitem",
    }


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("kind", list(TABLE))
def test_download_matrix(client, world, settings, kind, username):
    settings.MEDIA_ROOT = world["media"]
    attachment = world["files"][kind]
    user = User.objects.get(username=username)
    verified_login(client, user)
    before = state(world["media"])
    response = client.get(f"/files/{attachment.public_id}/")
    expected = EXPECTED[kind][username]
    assert response.status_code == expected, f"{username} downloading {kind}"
    if expected == 200:
        assert b"".join(response.streaming_content) == attachment.file.open("rb").read()
        rows = AccessLog.objects.filter(action="download", target_id=str(attachment.public_id))
        assert rows.count() == 1 and rows.get().user_id == user.pk
        assert state(world["media"])[0] == before[0] + 1
        assert state(world["media"])[1:] == before[1:]
    else:
        assert state(world["media"]) == before, "a refused download changed something"


@pytest.mark.parametrize("username, shown", [("head", True), ("council", False)])
def test_pages_list_photos_and_evidence_only_to_who_may_download_them(client, world, username, shown):
    """The council viewer reads the finding, the disposition and the assignment, but their pages and the API list
    no photo or evidence file (it would only be a 404 link); the office head sees and may open each."""
    from django.urls import reverse

    from gamsa.audits.models import FollowUpReport, SiteInspection
    from gamsa.patrols.models import Finding, Photo

    files = world["files"]
    finding = Finding.objects.get(case_number=files["finding_photo"].owner_id)
    Photo.objects.create(finding=finding, attachment=files["finding_photo"], stage=Photo.Stage.BEFORE)
    report = FollowUpReport.objects.get(public_id=files["followup_file"].owner_id)
    inspection = SiteInspection.objects.get(public_id=files["inspection_photo"].owner_id)
    user = User.objects.get(username=username)
    verified_login(client, user)
    pages = {
        "finding_photo": reverse("patrols:finding_detail", args=[finding.case_number]),
        "followup_file": reverse("audits:disposition", args=[report.disposition.public_id]),
        "inspection_photo": reverse("audits:citizen_assignment", args=[inspection.assignment.public_id]),
    }
    for kind, url in pages.items():
        page = client.get(url)
        assert page.status_code == 200, url
        assert (str(files[kind].public_id) in page.content.decode()) is shown, (username, kind)
    _, raw = services.issue_api_token(user, name="test")
    body = client.get(f"/api/v1/findings/{finding.case_number}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert bool(body["photos"]) is shown
