"""The one import pipeline (core.imports) with a small adapter, as a later import (a staff roster) would write it:
upload → content check → preview → confirm → job → result, and the uploaded file gone in every outcome."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from gamsa.core import imports, services
from gamsa.core.models import Event, Job, User
from gamsa.core.tabular import ImportFileError, read_table


class RosterImport(imports.Importer):
    """A whole adapter: the later imports (budget, training records, letters' recipients) look like this."""

    key = "test-roster"
    kind = "test_roster_import"
    label = "직원 명부 가져오기"
    check_kind = "test_roster_import_check"
    check_label = "직원 명부 검사"
    direct_rows = 2
    crash = False

    def count_rows(self, data: bytes) -> int:
        return len(read_table(data)) - 1

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        rows = read_table(data)[1:]
        if self.crash and not check:
            raise RuntimeError("disk full")
        bad = [[line, "이름이 없습니다."] for line, cells in rows if not str(cells[0]).strip()]
        progress(len(rows), len(rows))
        committed = not check and (not bad or skip_bad)
        return imports.Outcome(
            {"total": len(rows), "created": len(rows) - len(bad), "error_count": len(bad), "errors": bad},
            "검사를 마쳤습니다." if check else "등록했습니다.",
            committed,
        )


ROSTER = RosterImport()


@pytest.fixture
def roster(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    imports.register(ROSTER)
    ROSTER.crash = False
    yield ROSTER
    imports._importers.pop(ROSTER.key, None)


@pytest.fixture
def owner(db):
    return User.objects.create_user("roster-owner", password="x" * 12)


def upload(text: str, name="명부.csv"):
    handle = io.BytesIO(text.encode("utf-8"))
    handle.name = name
    handle.size = len(handle.getvalue())
    return handle


def files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "imports"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


GOOD = "이름,부서\n김감사,감사팀\n이조사,조사팀\n"
WITH_BAD = "이름,부서\n김감사,감사팀\n,조사팀\n"


def test_refused_content_stores_nothing(roster, owner, settings):
    with pytest.raises(imports.Refused) as refused:
        imports.accept_upload(roster, owner, upload("PK\x03\x04 not a workbook", name="명부.csv"))
    assert str(refused.value)  # a Korean message for the form
    assert files(settings) == [] and not Job.objects.exists()


def test_too_big_is_refused_before_reading(roster, owner, settings):
    settings.GAMSA_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(imports.Refused, match="너무 큽니다"):
        imports.accept_upload(roster, owner, upload(GOOD))
    assert files(settings) == []


def test_preview_then_confirm_commits_and_removes_the_file(
    roster, owner, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check = imports.accept_upload(roster, owner, upload(GOOD))
    check.refresh_from_db()
    assert check.kind == "test_roster_import_check" and check.status == Job.Status.DONE
    assert check.params["mode"] == "check" and check.result["created"] == 2
    assert len(files(settings)) == 1  # the preview's file waits for the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.confirm(roster, owner, check, skip_bad=False)
    job.refresh_from_db()
    assert (
        job.kind == "test_roster_import" and job.status == Job.Status.DONE and job.message == "등록했습니다."
    )
    assert files(settings) == []
    # The file is gone: confirming again says so instead of failing.
    with pytest.raises(imports.Refused) as again:
        imports.confirm(roster, owner, check, skip_bad=False)
    assert again.value.upload_again


def test_bad_rows_need_the_users_choice(roster, owner, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        check = imports.accept_upload(roster, owner, upload(WITH_BAD))
    check.refresh_from_db()
    with pytest.raises(imports.Refused, match="잘못된 행"):
        imports.confirm(roster, owner, check, skip_bad=False)
    assert Job.objects.count() == 1 and len(files(settings)) == 1
    context = imports.result_context(check)
    assert context["check"] and context["errors"] == [[3, "이름이 없습니다."]]


def test_a_crashing_import_fails_in_korean_and_removes_the_file(
    roster, owner, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check = imports.accept_upload(roster, owner, upload(GOOD))
    check.refresh_from_db()
    roster.crash = True
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        imports.confirm(roster, owner, check, skip_bad=False)
    job = Job.objects.get(kind="test_roster_import")
    assert job.status == Job.Status.FAILED and job.message == "가져오기에 실패했습니다: RuntimeError"
    assert files(settings) == []


def test_a_file_gone_before_its_job_ran_fails_with_a_message(
    roster, owner, settings, django_capture_on_commit_callbacks
):
    roster.direct_rows = 0  # queued: the immediate backend of the tests runs it at once
    try:
        with django_capture_on_commit_callbacks(execute=True):
            check = imports.accept_upload(roster, owner, upload(GOOD))
    finally:
        roster.direct_rows = 2
    check.refresh_from_db()
    assert check.status == Job.Status.DONE  # ran as the task run_import_task
    for path in files(settings):
        path.unlink()
    job = services.create_job(owner, kind=roster.kind, label="x", params={**check.params, "mode": "commit"})
    imports.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "다시 올리세요" in job.message


def test_a_job_queued_before_the_pipeline_finds_its_importer_by_kind(roster, owner):
    job = services.create_job(owner, kind=roster.check_kind, label="x", params={"path": "imports/x.upload"})
    assert imports.importer_of(job) is roster


def test_prune_logs_sweeps_orphans_older_than_a_day(
    roster, owner, settings, django_capture_on_commit_callbacks
):
    """A never-confirmed preview past its keep time and files no job knows (a crash between saving the file and
    creating the job) go; a fresh preview, a waiting job's file and anything younger than a day stay."""
    settings.GAMSA_IMPORT_UPLOAD_KEEP_HOURS = 24
    with django_capture_on_commit_callbacks(execute=True):
        old_check = imports.accept_upload(roster, owner, upload(GOOD))
        fresh_check = imports.accept_upload(roster, owner, upload(GOOD))
    Job.objects.filter(pk=old_check.pk).update(created_at=timezone.now() - timezone.timedelta(hours=30))
    media = Path(settings.MEDIA_ROOT)
    orphan = media / "imports" / "grievances" / "lost.upload"
    young_orphan = media / "imports" / "fieldcomplaints" / "young.upload"
    waiting = media / "imports" / roster.key / "waiting.upload"
    for path in (orphan, young_orphan, waiting):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"name,phone\n")
    services.create_job(
        owner, kind=roster.kind, label="x", params={"path": f"imports/{roster.key}/waiting.upload"}
    )
    two_days_ago = time.time() - 2 * 86400
    old_check_file = media / old_check.params["path"]
    fresh_check_file = media / fresh_check.params["path"]
    for path in (orphan, waiting, old_check_file, fresh_check_file):
        os.utime(path, (two_days_ago, two_days_ago))

    out = io.StringIO()
    call_command("prune_logs", stdout=out)
    assert "가져오기 파일 2개를 지웠습니다" in out.getvalue()
    assert not orphan.exists() and not old_check_file.exists()
    assert young_orphan.exists() and waiting.exists() and fresh_check_file.exists()
    assert Event.objects.filter(verb="job.uploads_swept").count() == 1


def test_every_registered_import_has_a_distinct_folder_and_kinds(db):
    keys = [i.key for i in imports.registered()]
    kinds = [k for i in imports.registered() for k in i.kinds]
    assert {"grievances", "fieldcomplaints"} <= set(keys)
    assert len(keys) == len(set(keys)) and len(kinds) == len(set(kinds))
    with pytest.raises(ImportFileError):
        imports.importer_for("grievances").count_rows(b"\x00\x01 not a table")
