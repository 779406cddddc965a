"""Who may do what in patrols: every route of the app × every demo account (and the demo guardian), through the real
HTTP layer (the pattern of gamsa/core/tests/test_permissions.py, helpers in gamsa/core/testing/access_matrix.py).

The expected status of every (action, account) pair is written out by hand from the rules (outsiders 404, read-only
users 403, anonymous users sent to the login page), not derived from the permission modules, so a wrong rule there
makes this fail. Every request is also measured: a refused one changes nothing (rows, states, files, events,
access-log rows); an allowed one changes exactly what its row below says. The guard test fails when a route of the
`patrols` namespace has no row.

The accounts: the patrol team is `patrol` and the office head (`head`); `leader` (audit team leader) and `council`
read; `liaison` and `depthead` are 건설과, whose unit the "mine" records belong to (the "theirs" ones are 주택과's);
`admin` maps names; `guardian` is a local guardian; the rest have no part in patrols.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gamsa.core import services as core_services
from gamsa.core.models import AccessLog, Attachment, Event, Job, Membership, OrgUnit, User
from gamsa.core.notices.models import Delivery
from gamsa.core.testing import matrix
from gamsa.patrols.models import (
    DuplicateCandidate,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingCategory,
    Guardian,
    GuardianTraining,
    PatrolRound,
    Photo,
    QualityReview,
    RoundKind,
    SiteCheck,
    Source,
    UnitAlias,
)

pytestmark = pytest.mark.django_db

USERS = (*matrix.SIGNED_IN, "guardian")
ALL_404 = (404,) * len(USERS)

# Statuses in the order of USERS:
#   head  leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen guardian
TABLE = {
    # --- field complaints (현장민원) ---------------------------------------------------------------------------------
    "field_board":           (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "field_list":            (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "field_import":          (200, 403, 404, 404, 404, 200, 403, 403, 404, 403, 404, 404, 404),
    "field_import_post":     (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    "field_import_job":      (404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),  # the patrol's own job
    "field_mappings":        (200, 404, 404, 404, 404, 200, 404, 404, 404, 404, 200, 404, 404),
    "field_confirm_item":    (302, 404, 404, 404, 404, 302, 404, 404, 404, 404, 302, 404, 404),
    "field_map_item":        (302, 404, 404, 404, 404, 302, 404, 404, 404, 404, 302, 404, 404),
    "field_map_unit":        (302, 404, 404, 404, 404, 302, 404, 404, 404, 404, 302, 404, 404),
    "field_map_unit_legacy": (308, 404, 404, 404, 404, 308, 404, 404, 404, 404, 308, 404, 404),
    "field_evaluation":      (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "field_evaluation_xlsx": (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "field_review_sample":   (200, 403, 404, 404, 404, 200, 403, 403, 404, 403, 404, 404, 404),
    "field_detail_mine":     (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "field_detail_theirs":    (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "field_status_mine":     (302, 403, 404, 404, 404, 302, 302, 302, 404, 403, 404, 404, 404),
    "field_status_theirs":    (302, 403, 404, 404, 404, 302, 404, 404, 404, 403, 404, 404, 404),
    "field_site_check":      (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    "field_quality_review":  (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    # --- patrol rounds -------------------------------------------------------------------------------------------
    "round_list":            (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "round_create":          (200, 403, 404, 404, 404, 200, 404, 404, 404, 403, 404, 404, 404),
    "round_create_post":     (302, 403, 404, 404, 404, 302, 404, 404, 404, 403, 404, 404, 404),
    "round_summary":         (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "round_detail":          (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    # --- findings (적출사항) ------------------------------------------------------------------------------------------
    "finding_list":          (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "finding_create":        (200, 403, 404, 404, 404, 200, 403, 403, 404, 403, 404, 404, 404),
    "finding_create_post":   (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    "finding_detail_mine":   (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "finding_detail_theirs":  (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    # a guardian's report not yet routed: not the department's yet; the guardian's own
    "finding_detail_report": (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 200),
    "finding_answer":        (403, 403, 404, 404, 404, 403, 302, 302, 404, 403, 404, 404, 404),
    "finding_dismiss":       (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    "finding_route_report":  (302, 403, 404, 404, 404, 302, 404, 404, 404, 403, 404, 404, 403),
    # --- near-duplicates -----------------------------------------------------------------------------------------
    "duplicate_queue":       (200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404),
    "duplicate_decide":      (302, 403, 404, 404, 404, 302, 403, 403, 404, 403, 404, 404, 404),
    "duplicate_decide_legacy": (308, 403, 404, 404, 404, 308, 403, 403, 404, 403, 404, 404, 404),
    # --- local guardians -----------------------------------------------------------------------------------------
    "guardian_report":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    "guardian_report_post":  (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 302),
    "guardian_mine":         (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    "guardians":             (200, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "guardians_post":        (302, 404, 404, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    "guardian_training":     (200, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "guardian_training_post": (302, 404, 404, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    # --- the map -------------------------------------------------------------------------------------------------
    "map":                   (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
    "map_data":              (200, 200, 404, 404, 404, 200, 200, 200, 404, 200, 404, 404, 404),
}  # fmt: skip
EXPECTED = matrix.expectations(TABLE, USERS)

# The route (URL name in the `patrols` namespace) each action requests.
ROUTE = {
    "field_board": "field_board",
    "field_list": "field_list",
    "field_import": "field_import",
    "field_import_post": "field_import",
    "field_import_job": "field_import_job",
    "field_mappings": "field_mappings",
    "field_confirm_item": "field_confirm_item",
    "field_map_item": "field_map_item",
    "field_map_unit": "field_map_unit",
    "field_map_unit_legacy": "field_map_unit_legacy",
    "field_evaluation": "field_evaluation",
    "field_evaluation_xlsx": "field_evaluation_xlsx",
    "field_review_sample": "field_review_sample",
    "field_detail_mine": "field_detail",
    "field_detail_theirs": "field_detail",
    "field_status_mine": "field_status",
    "field_status_theirs": "field_status",
    "field_site_check": "field_site_check",
    "field_quality_review": "field_quality_review",
    "round_list": "round_list",
    "round_create": "round_create",
    "round_create_post": "round_create",
    "round_summary": "round_summary",
    "round_detail": "round_detail",
    "finding_list": "finding_list",
    "finding_create": "finding_create",
    "finding_create_post": "finding_create",
    "finding_detail_mine": "finding_detail",
    "finding_detail_theirs": "finding_detail",
    "finding_detail_report": "finding_detail",
    "finding_answer": "finding_act",
    "finding_dismiss": "finding_act",
    "finding_route_report": "finding_act",
    "duplicate_queue": "duplicate_queue",
    "duplicate_decide": "duplicate_decide",
    "duplicate_decide_legacy": "duplicate_decide_legacy",
    "guardian_report": "guardian_report",
    "guardian_report_post": "guardian_report",
    "guardian_mine": "guardian_mine",
    "guardians": "guardians",
    "guardians_post": "guardians",
    "guardian_training": "guardian_training",
    "guardian_training_post": "guardian_training",
    "map": "map",
    "map_data": "map_data",
}

# What an allowed request changes (everything else must stay as it was).
SUCCESS = {
    # the one-row upload runs at once: the job, one complaint, the department name it used (the upload is removed)
    "field_import_post": {
        "jobs": 1,
        "complaints": 1,
        "complaint_states": "changed",
        "aliases": "changed",
        "events": 3,
    },
    "field_confirm_item": {"items": "changed", "events": 1},
    "field_map_item": {"items": "changed", "events": 1},
    "field_map_unit": {"aliases": "changed", "events": 1},
    "field_status_mine": {"complaint_states": "changed", "events": 1},
    "field_status_theirs": {"complaint_states": "changed", "events": 1},
    "field_site_check": {"site_checks": 1, "events": 1},
    "field_quality_review": {"quality_reviews": 1, "events": 1},
    "round_create_post": {"rounds": 1, "events": 1},
    # routed at once to the category's department (건설과), whose two liaisons are told by e-mail: the finding's
    # event, the notice queued, one sent per liaison
    "finding_create_post": {"findings": 1, "finding_states": "changed", "deliveries": 2, "events": 4},
    "finding_answer": {
        "finding_states": "changed",
        "photos": 1,
        "attachments": 1,
        "media_files": 1,
        "events": 2,  # the stored photo and the answer
    },
    "finding_dismiss": {"finding_states": "changed", "events": 1},
    "finding_route_report": {"finding_states": "changed", "deliveries": 2, "events": 4},
    "duplicate_decide": {"candidates": "changed", "complaint_states": "changed", "events": 1},
    "guardian_report_post": {
        "findings": 1,
        "finding_states": "changed",
        "photos": 1,
        "attachments": 1,
        "media_files": 1,
        "events": 2,  # the stored photo and the report
    },
    "guardians_post": {"users": 1, "memberships": 1, "guardians": 1, "events": 3},
    "guardian_training_post": {"trainings": 1, "events": 1},
}
# Reading personal data writes one access-log row: the reporter of a field complaint (for the patrol team and the
# answering department), the guardian who reported a finding (the patrol team), the guardian roster.
LOGGED_READS = {
    "field_detail_mine": {"head", "patrol", "liaison", "depthead"},
    "field_detail_theirs": {"head", "patrol"},
    "finding_detail_report": {"head", "patrol"},
    "guardians": {"head", "patrol"},
}


def counters() -> dict:
    """Everything a patrols view could change: row counts, and the states of the rows a view updates."""
    return {
        "events": Event.objects.count,
        "access_logs": AccessLog.objects.count,
        "attachments": Attachment.objects.count,
        "jobs": Job.objects.count,
        "deliveries": Delivery.objects.count,
        "users": User.objects.count,
        "memberships": Membership.objects.count,
        "complaints": FieldComplaint.objects.count,
        "complaint_states": lambda: list(
            FieldComplaint.objects.order_by("pk").values_list(
                "status", "unit_id", "result", "duplicate_of_id"
            )
        ),
        "site_checks": SiteCheck.objects.count,
        "quality_reviews": QualityReview.objects.count,
        "items": lambda: list(
            FieldItem.objects.order_by("pk").values_list("provisional", "alias_of_id", "deadline_hours")
        ),
        "aliases": lambda: list(UnitAlias.objects.order_by("pk").values_list("name", "unit_id")),
        "rounds": PatrolRound.objects.count,
        "findings": Finding.objects.count,
        "finding_states": lambda: list(
            Finding.objects.order_by("pk").values_list("status", "unit_id", "answer", "closing_note")
        ),
        "photos": Photo.objects.count,
        "candidates": lambda: list(DuplicateCandidate.objects.order_by("pk").values_list("decision")),
        "guardians": Guardian.objects.count,
        "trainings": GuardianTraining.objects.count,
    }


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), (40, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def photo(name="사진.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def import_file() -> SimpleUploadedFile:
    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerow(
        ["2026-0000901", "2026-03-02 21:05", "안전", "보안등 고장", "골목길 보안등 고장", "", "영등포구 도림로 45",
         "37.508820", "126.898940", "건설과", "처리중", "", ""]
    )  # fmt: skip
    return SimpleUploadedFile("응답소.csv", out.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


@pytest.fixture(scope="module")
def world(demo_module, django_db_blocker, tmp_path_factory):
    """The records the actions work on, made once for the module by their rightful owners (rolled back at its end
    with the demo district)."""
    from django.test import override_settings

    from gamsa.patrols.duplicates import scan
    from gamsa.patrols.fieldcomplaints import services as field_svc
    from gamsa.patrols.fieldcomplaints.pipeline import FieldComplaintImport
    from gamsa.patrols.findings import services as finding_svc
    from gamsa.patrols.findings.demo import seed_finding_categories
    from gamsa.patrols.guardians import services as guardian_svc
    from gamsa.patrols.guardians.demo import ensure_guardian_account
    from gamsa.patrols.rounds import services as round_svc
    from gamsa.patrols.seeds import seed_field_items

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        seed_field_items(FieldCategory, FieldItem)
        seed_finding_categories()
        guardian = ensure_guardian_account()
        people = {u.username: u for u in User.objects.filter(username__in=USERS)}
        mine, other = OrgUnit.objects.get(name="건설과"), OrgUnit.objects.get(name="주택과")
        item = FieldItem.objects.filter(provisional=False, alias_of=None, duplicate_never=False).first()
        target = FieldItem.objects.exclude(pk=item.pk).filter(provisional=False, alias_of=None).first()
        received = timezone.now() - dt.timedelta(hours=2)

        def complaint(unit, north_m=0):
            return field_svc.create_complaint(
                None,
                item=item,
                received_at=received,
                title="보안등 고장",
                body="밤에 어둡습니다.",
                address="영등포구 도림로 45",
                latitude=Decimal("37.508820") + Decimal(north_m) / Decimal(111_000),
                longitude=Decimal("126.898940"),
                unit=unit,
                source=Source.STAFF,
                reporter_name="이구민",
                reporter_phone="010-3333-4444",
            )

        complaint_mine, complaint_theirs = complaint(mine), complaint(other, north_m=3000)
        done = complaint(mine, north_m=6000)
        field_svc.update_status(people["patrol"], done, status="done", result="교체함")
        twin = complaint(mine, north_m=10)
        scan.scan_complaints([complaint_mine.pk, complaint_theirs.pk, twin.pk])
        candidate = DuplicateCandidate.objects.get(subject_complaint=twin)
        provisional = FieldItem.objects.create(
            category=item.category, name="새로 본 항목", code="matrix-new", provisional=True
        )
        alias = UnitAlias.objects.create(name="옛 건설과")
        job = core_services.create_job(
            people["patrol"], kind=FieldComplaintImport.kind, label=FieldComplaintImport.label
        )
        patrol_round = round_svc.create_round(
            people["patrol"], kind=RoundKind.ROUTINE, date=timezone.localdate(), staff=[people["patrol"]]
        )
        street = FindingCategory.objects.get(name="가로정비")  # default department 건설과

        def finding(unit, address):
            return finding_svc.create_finding(
                people["patrol"],
                source=Finding.Source.PATROL,
                category=street,
                title="보도블록 파손",
                address=address,
                unit=unit,
                round=patrol_round,
            )

        finding_mine, finding_theirs = finding(mine, "영등포로 150"), finding(other, "당산로 20")
        report = guardian_svc.submit_report(
            guardian, category=street, title="가로등이 꺼졌어요", address="문래로 3"
        )
    return {
        "people": people,
        "complaint_mine": complaint_mine,
        "complaint_theirs": complaint_theirs,
        "complaint_done": done,
        "candidate": candidate,
        "provisional": provisional,
        "target": target,
        "alias": alias,
        "unit": mine,
        "job": job,
        "round": patrol_round,
        "category": street,
        "finding_mine": finding_mine,
        "finding_theirs": finding_theirs,
        "report": report,
    }


def request_for(action: str, world: dict) -> tuple[str, str, dict]:
    """(method, url, data) of one action."""
    w = world
    field, findings = "/patrols/field", "/patrols/findings"
    mine, other = w["complaint_mine"].source_id, w["complaint_theirs"].source_id
    candidate, alias = w["candidate"], w["alias"]
    table = {
        "field_board": ("get", f"{field}/", {}),
        "field_list": ("get", f"{field}/list/", {}),
        "field_import": ("get", f"{field}/import/", {}),
        "field_import_post": ("post", f"{field}/import/", {"file": import_file()}),
        "field_import_job": ("get", f"{field}/import/{w['job'].public_id}/", {}),
        "field_mappings": ("get", f"{field}/mappings/", {}),
        "field_confirm_item": (
            "post",
            f"{field}/mappings/items/{w['provisional'].code}/confirm/",
            {"deadline_hours": "48", "deadline_basis": "clock_hours"},
        ),
        "field_map_item": (
            "post",
            f"{field}/mappings/items/{w['provisional'].code}/map/",
            {"target": w["target"].pk},
        ),
        "field_map_unit": ("post", f"{field}/mappings/units/{alias.public_id}/", {"unit": w["unit"].pk}),
        "field_map_unit_legacy": ("post", f"{field}/mappings/units/{alias.pk}/", {"unit": w["unit"].pk}),
        "field_evaluation": ("get", f"{field}/evaluation/", {}),
        "field_evaluation_xlsx": ("get", f"{field}/evaluation.xlsx", {}),
        "field_review_sample": ("get", f"{field}/reviews/sample/", {}),
        "field_detail_mine": ("get", f"{field}/c/{mine}/", {}),
        "field_detail_theirs": ("get", f"{field}/c/{other}/", {}),
        "field_status_mine": ("post", f"{field}/c/{mine}/status/", {"status": "processing", "result": "확인 중"}),
        "field_status_theirs": ("post", f"{field}/c/{other}/status/", {"status": "processing", "result": "확인 중"}),
        "field_site_check": ("post", f"{field}/c/{mine}/site-check/", {"result": "confirmed", "note": "정비됨"}),
        "field_quality_review": (
            "post",
            f"{field}/c/{w['complaint_done'].source_id}/quality-review/",
            {"score": "90", "note": "양호"},
        ),
        "round_list": ("get", "/patrols/rounds/", {}),
        "round_create": ("get", "/patrols/rounds/new/", {}),
        "round_create_post": (
            "post",
            "/patrols/rounds/new/",
            {"kind": "routine", "date": timezone.localdate().isoformat(), "residents": "0", "police": "0"},
        ),
        "round_summary": ("get", "/patrols/rounds/summary/", {}),
        "round_detail": ("get", f"/patrols/rounds/{w['round'].number}/", {}),
        "finding_list": ("get", f"{findings}/", {}),
        "finding_create": ("get", f"{findings}/new/", {}),
        "finding_create_post": (
            "post",
            f"{findings}/new/",
            {"category": w["category"].pk, "title": "불법 현수막", "address": "영중로 10"},
        ),
        "finding_detail_mine": ("get", f"{findings}/{w['finding_mine'].case_number}/", {}),
        "finding_detail_theirs": ("get", f"{findings}/{w['finding_theirs'].case_number}/", {}),
        "finding_detail_report": ("get", f"{findings}/{w['report'].case_number}/", {}),
        "finding_answer": (
            "post",
            f"{findings}/{w['finding_mine'].case_number}/act/answer/",
            {"answer-answer": "보도블록을 다시 깔았습니다.", "answer-photo": photo("조치 후.png")},
        ),
        "finding_dismiss": (
            "post",
            f"{findings}/{w['finding_mine'].case_number}/act/dismiss/",
            {"dismiss-note": "사유 없음"},
        ),
        "finding_route_report": (
            "post",
            f"{findings}/{w['report'].case_number}/act/route/",
            {"route-unit": w["unit"].pk, "route-requested_action": "교체 바랍니다."},
        ),
        "duplicate_queue": ("get", "/patrols/duplicates/", {}),
        "duplicate_decide": ("post", f"/patrols/duplicates/{candidate.public_id}/link/", {}),
        "duplicate_decide_legacy": ("post", f"/patrols/duplicates/{candidate.pk}/link/", {}),
        "guardian_report": ("get", "/patrols/guardian/report/", {}),
        "guardian_report_post": (
            "post",
            "/patrols/guardian/report/",
            {"category": w["category"].pk, "title": "맨홀 뚜껑이 들떴어요", "address": "선유로 5", "photo": photo()},
        ),
        "guardian_mine": ("get", "/patrols/guardian/mine/", {}),
        "guardians": ("get", "/patrols/guardians/", {}),
        "guardians_post": (
            "post",
            "/patrols/guardians/",
            {"username": "newguardian", "full_name": "박지킴", "appointed_on": "2026-03-02", "password": "long-enough-1"},
        ),
        "guardian_training": ("get", "/patrols/guardians/training/", {}),
        "guardian_training_post": (
            "post",
            "/patrols/guardians/training/",
            {"title": "신고 요령", "held_on": "2026-03-05", "hours": "2"},
        ),
        "map": ("get", "/patrols/map/", {}),
        "map_data": ("get", "/patrols/map/data.json", {}),
    }  # fmt: skip
    return table[action]


def test_the_table_has_a_row_for_every_route_and_every_account():
    """The guard: a route added to the `patrols` namespace without a row here fails this test."""
    assert len(USERS) == len(set(USERS)) == 13
    assert set(ROUTE) == set(TABLE)
    assert set(ROUTE.values()) == matrix.route_names("patrols")
    assert set(SUCCESS) <= set(TABLE) and set(LOGGED_READS) <= set(TABLE)


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(
    client, login, world, settings, django_capture_on_commit_callbacks, action, username
):
    expected = EXPECTED[action][username]
    login(username)
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):  # side effects after the commit count too
        response = getattr(client, method)(url, data)
    after = matrix.counts(counters(), settings.MEDIA_ROOT)
    success = dict(SUCCESS.get(action, {}))
    if username in LOGGED_READS.get(action, ()):
        success["access_logs"] = 1
    matrix.assert_outcome(response, expected, before, after, success, f"{username} {method.upper()} {url}")


@pytest.mark.parametrize("action", list(TABLE))
def test_anonymous_is_sent_to_login(client, world, settings, action):
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    response = getattr(client, method)(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert matrix.difference(before, matrix.counts(counters(), settings.MEDIA_ROOT)) == {}
