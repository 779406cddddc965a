"""Job recovery rules, the upload sweep, live progress on the job page and /healthz, in one process.

The same rules run in real processes (killed, signalled) in test_job_faults.py; here each rule's edges.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gamsa.core import jobs, live, services
from gamsa.core.models import Event, Job, User


@pytest.fixture
def owner(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GAMSA_JOB_LEASE_SECONDS = 30
    settings.GAMSA_JOB_MAX_ATTEMPTS = 2
    return User.objects.create_user("job-owner", password="x" * 12)


def _upload() -> str:
    return default_storage.save("imports/fieldcomplaints/test.upload", ContentFile(b"a,b\n1,2\n"))


def _running_task(job: Job, worker_id: str, *, started_ago: float) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"job_id": job.pk}},
        task_path="gamsa.core.tests.faultkit.slow_job",
        backend_name="default",
        run_after=dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(seconds=started_ago),
        worker_ids=[worker_id],
    )
    Job.objects.filter(pk=job.pk).update(
        task_id=str(task.pk), attempts=job.attempts + 1, status=Job.Status.RUNNING
    )
    return task


def _age_worker(worker_id: str, seconds: float) -> None:
    live._run(
        "UPDATE gamsa_live_worker SET beat_at = %s WHERE worker_id = %s", (time.time() - seconds, worker_id)
    )


def test_a_task_whose_worker_went_silent_is_queued_again_then_failed(owner):
    path = _upload()
    job = services.create_job(owner, kind="fieldcomplaint_import", label="가져오기", params={"path": path})
    task = _running_task(job, "dead-worker-1", started_ago=120)
    live.beat_worker("dead-worker-1", started_at=time.time() - 200, task_id=str(task.pk), state="running")
    _age_worker("dead-worker-1", 90)

    assert jobs.recover_stale_jobs() == {"requeued": 1, "failed": 0}
    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "READY" and job.status == Job.Status.QUEUED
    assert "다시 대기열에 넣었습니다(2번째 시도를 기다립니다)" in job.message
    assert default_storage.exists(path)  # kept for the next run
    assert Event.objects.filter(verb="job.requeued").count() == 1

    # The second run's worker dies too: no third run.
    task = _running_task(job, "dead-worker-2", started_ago=120)
    job.refresh_from_db()
    assert jobs.recover_stale_jobs() == {"requeued": 0, "failed": 1}
    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == jobs.LOST_CLASS
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("작업 처리기가 멈춰 작업을 끝내지 못했습니다(2번 시도).")
    assert "다시 올려 주세요" in job.message


def test_a_task_with_a_live_worker_or_just_claimed_is_left_alone(owner):
    job = services.create_job(owner, kind="x", label="x")
    task = _running_task(job, "live-worker", started_ago=120)
    live.beat_worker("live-worker", started_at=time.time(), task_id=str(task.pk), state="running")
    other = services.create_job(owner, kind="x", label="y")
    _running_task(other, "not-beaten-yet", started_ago=1)  # claimed a second ago, first beat to come
    assert jobs.recover_stale_jobs() == {"requeued": 0, "failed": 0}
    assert Job.objects.filter(status=Job.Status.RUNNING).count() == 2


def test_a_live_worker_that_lost_its_task_gets_it_queued_again(owner):
    """A worker whose database connection dropped mid-task beats on, idle: its old task is lost."""
    job = services.create_job(owner, kind="x", label="x")
    task = _running_task(job, "reconnected-worker", started_ago=120)
    live.beat_worker("reconnected-worker", started_at=time.time(), task_id="", state="idle")
    assert jobs.recover_stale_jobs()["requeued"] == 1
    task.refresh_from_db()
    assert task.status == "READY"


def test_a_running_job_without_a_task_fails_once_silent(owner, django_capture_on_commit_callbacks):
    """Work done in a web request whose process died: no task to hand back, so it fails after the lease."""
    path = _upload()
    job = services.create_job(owner, kind="grievance_import", label="가져오기", params={"path": path})
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started_at=timezone.now() - dt.timedelta(seconds=100)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.recover_stale_jobs()["failed"] == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert not default_storage.exists(path)


def test_ending_a_job_removes_its_upload_but_a_check_keeps_it(owner, django_capture_on_commit_callbacks):
    done_path, failed_path, check_path = _upload(), _upload(), _upload()
    done = services.create_job(owner, kind="a", label="a", params={"path": done_path})
    failed = services.create_job(owner, kind="b", label="b", params={"path": failed_path})
    check = services.create_job(owner, kind="c", label="c", params={"path": check_path, "mode": "check"})
    with django_capture_on_commit_callbacks(execute=True):
        services.finish_job(done, message="끝")
        services.fail_job(failed, "실패")
        services.finish_job(check, message="검사 끝")
    assert not default_storage.exists(done_path)
    assert not default_storage.exists(failed_path)
    assert default_storage.exists(check_path)  # waits for the user's confirmation


def test_the_sweep_removes_orphan_uploads_and_old_checks_only(owner, settings):
    settings.GAMSA_IMPORT_UPLOAD_KEEP_HOURS = 24
    orphan, waiting, fresh_check, old_check = _upload(), _upload(), _upload(), _upload()
    services.create_job(owner, kind="a", label="a", params={"path": waiting})
    fresh = services.create_job(owner, kind="c", label="c", params={"path": fresh_check, "mode": "check"})
    old = services.create_job(owner, kind="c", label="c", params={"path": old_check, "mode": "check"})
    Job.objects.filter(pk__in=[fresh.pk, old.pk]).update(status=Job.Status.DONE)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    an_hour_ago = time.time() - 3600
    for path in (orphan, waiting, fresh_check, old_check):
        os.utime(default_storage.path(path), (an_hour_ago, an_hour_ago))
    just_uploaded = _upload()  # its job is being created right now

    removed = jobs.sweep_uploads()
    assert sorted(removed) == sorted([orphan, old_check])
    assert all(default_storage.exists(p) for p in (waiting, fresh_check, just_uploaded))
    assert Event.objects.filter(verb="job.uploads_swept").count() == 1


def test_progress_is_written_to_the_live_store_and_shown_by_the_page(owner):
    """The cross-process proof (another connection sees it before the commit) is in test_job_faults.py."""
    from django.template.loader import render_to_string

    job = services.create_job(owner, kind="x", label="x")
    services.job_progress(job, done=1200, total=66228, message="반영하는 중입니다.")
    state = live.job_state(job.public_id)
    assert (state.done, state.total, state.message) == (1200, 66228, "반영하는 중입니다.")
    Job.objects.filter(pk=job.pk).update(done=0)  # the row as another process sees it before the commit
    html = render_to_string("core/_job_progress.html", {"job": Job.objects.get(pk=job.pk)})
    assert "1,200 / 66,228건" in html
    assert "반영하는 중입니다." in html


def test_a_silent_running_job_says_so_on_its_page(owner):
    from django.template.loader import render_to_string

    job = services.create_job(owner, kind="x", label="x")
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started_at=timezone.now() - dt.timedelta(seconds=95)
    )
    job = Job.objects.get(pk=job.pk)
    html = render_to_string("core/_job_progress.html", {"job": job})
    silent = re.search(r"작업 처리기에서 (\d+)초 동안 소식이 없습니다", html)
    assert silent and 95 <= int(silent.group(1)) < 600
    live.beat_job(job.public_id)
    job = Job.objects.get(pk=job.pk)
    assert "소식이 없습니다" not in render_to_string("core/_job_progress.html", {"job": job})


def test_healthz_reports_the_worker_heartbeat(db, settings):
    settings.GAMSA_TASKS_BACKEND = "database"
    settings.GAMSA_JOB_LEASE_SECONDS = 30
    live._run("DELETE FROM gamsa_live_worker")
    absent = Client().get("/healthz")
    assert absent.status_code == 503
    assert absent.json()["worker"] == "absent"
    assert "작업 처리기가 실행되고 있지 않습니다" in absent.json()["message"]

    live.beat_worker("hz-worker", started_at=time.time())
    ok = Client().get("/healthz")
    assert ok.status_code == 200 and ok.json()["worker"] == "ok" and ok.json()["workers"] == 1

    _age_worker("hz-worker", 75)
    stale = Client().get("/healthz")
    assert stale.status_code == 503
    assert stale.json()["worker"] == "stale"
    assert "작업 처리기가 75초 동안 응답하지 않습니다" in stale.json()["message"]
    assert "background worker silent for 75 s" in stale.json()["message"]
    live._run("DELETE FROM gamsa_live_worker")
