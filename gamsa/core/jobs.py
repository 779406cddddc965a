"""Background jobs whose worker died, stopped or lost its database: found by their silence, queued again or failed.

How django-tasks-db runs a task (read in its source, version 0.13): `db_worker` locks one READY row
(`select_for_update(skip_locked=True)`), sets it RUNNING with its worker id, runs it and sets SUCCESSFUL or FAILED.
Nothing ever looks at a RUNNING row again: a task whose worker was killed stays RUNNING for ever and no worker picks
it up. Our jobs add a lease on top: `gamsa worker` beats every GAMSA_JOB_HEARTBEAT_SECONDS (core.live); a RUNNING
task whose worker has been silent for GAMSA_JOB_LEASE_SECONDS, or whose worker beats but runs another task, is
lost. Its job is queued again while it has had fewer than GAMSA_JOB_MAX_ATTEMPTS runs (every import here commits
all or nothing and re-importing the same file creates nothing twice, exports only read), else it fails with a
Korean message and its uploaded file is removed. See docs/operations.md.
"""

from __future__ import annotations

import logging
import time
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gamsa.core import live
from gamsa.core.models import Job
from gamsa.core.services import IMPORT_UPLOAD_DIR, fail_job, record_event

logger = logging.getLogger(__name__)

LOST_CLASS = "gamsa.core.jobs.WorkerLost"


class WorkerLost(Exception):
    """Recorded on a task row whose worker stopped answering."""


def _task_model():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def job_id_of(task) -> int | None:
    """Our tasks take `job_id=`; the job of a task row, if any."""
    try:
        value = (task.args_kwargs or {}).get("kwargs", {}).get("job_id")
    except AttributeError:
        return None
    return value if isinstance(value, int) else None


def failure_message(job: Job) -> str:
    text = f"작업 처리기가 멈춰 작업을 끝내지 못했습니다({job.attempts}번 시도)."
    if (job.params or {}).get("path"):
        text += (
            " 가져오기는 전부 반영되거나 전혀 반영되지 않습니다. 목록에서 반영 여부를 확인하고,"
            " 필요하면 파일을 다시 올려 주세요."
        )
    else:
        text += " 다시 시도해 주세요."
    return text


def _requeue(task, job: Job, message: str, *, count_attempt: bool) -> None:
    task.status = "READY"
    task.save(update_fields=["status"])
    job.status = Job.Status.QUEUED
    job.done = 0
    if not count_attempt:
        job.attempts = max(0, job.attempts - 1)
    job.message = message[:500]
    job.save(update_fields=["status", "done", "attempts", "message"])
    record_event(job.owner, "job.requeued", job, kind=job.kind, attempts=job.attempts)
    transaction.on_commit(lambda: live.forget_job(job.public_id))


def _mark_task_lost(task, why: str) -> None:
    task.status = "FAILED"
    task.finished_at = timezone.now()
    task.exception_class_path = LOST_CLASS
    task.traceback = why
    task.return_value = None
    task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback", "return_value"])


def _locked_job(job_id: int | None) -> tuple[Job | None, bool]:
    """(job, busy): busy when another open transaction holds the job's row (its worker still works)."""
    if job_id is None:
        return None, False
    job = Job.objects.select_for_update(skip_locked=True).select_related("owner").filter(pk=job_id).first()
    if job is None and Job.objects.filter(pk=job_id).exists():
        return None, True
    return job, False


@transaction.atomic
def hand_back(task_id: str, job_id: int | None) -> bool:
    """A worker told to stop gives its unfinished task back to the queue (its transaction rolled back)."""
    task = _task_model().objects.select_for_update().filter(pk=task_id, status="RUNNING").first()
    if task is None:
        return False
    job, _ = _locked_job(job_id)
    if job is None:
        task.status = "READY"
        task.save(update_fields=["status"])
        return True
    _requeue(
        task,
        job,
        "작업 처리기가 멈추느라 작업을 대기열에 돌려놓았습니다. 처리기가 다시 시작하면 처음부터 다시 합니다.",
        count_attempt=False,
    )
    return True


def _recover_task(task_pk, why: str) -> str:
    with transaction.atomic():
        task = (
            _task_model()
            .objects.select_for_update(skip_locked=True)
            .filter(pk=task_pk, status="RUNNING")
            .first()
        )
        if task is None:
            return ""
        job, busy = _locked_job(job_id_of(task))
        if busy:
            return ""
        if job is not None and job.attempts < settings.GAMSA_JOB_MAX_ATTEMPTS:
            _requeue(
                task,
                job,
                f"작업 처리기가 멈춰 작업을 다시 대기열에 넣었습니다({job.attempts + 1}번째 시도를 기다립니다).",
                count_attempt=True,
            )
            return "requeued"
        _mark_task_lost(task, why)
        if job is not None and job.status in (Job.Status.QUEUED, Job.Status.RUNNING):
            fail_job(job, failure_message(job))
        return "failed"


def recover_stale_jobs() -> dict[str, int]:
    """Queue again or fail every job whose worker is gone. Safe to run from any number of processes at once."""
    lease = settings.GAMSA_JOB_LEASE_SECONDS
    now = time.time()
    beats = {w.worker_id: w for w in live.workers()}
    counts = {"requeued": 0, "failed": 0}
    running_tasks = set()
    for task in _task_model().objects.running().only("id", "worker_ids", "started_at", "args_kwargs"):
        running_tasks.add(str(task.id))
        worker_id = task.worker_ids[-1] if task.worker_ids else ""
        beat = beats.get(worker_id)
        started = task.started_at.timestamp() if task.started_at else 0.0
        if beat is not None and now - beat.beat_at <= lease:
            if beat.task_id == str(task.id) or now - started <= lease:
                continue  # alive and on it (or just claimed it)
            why = f"작업 처리기 {worker_id}가 살아 있지만 이 작업을 하고 있지 않습니다(데이터베이스 연결이 끊겼던 듯합니다)."
        elif beat is None and now - started <= lease:
            continue  # claimed by a worker that has not beaten yet
        else:
            why = f"작업 처리기 {worker_id}가 {lease:.0f}초 넘게 응답하지 않았습니다."
        outcome = _recover_task(task.pk, why)
        if outcome:
            counts[outcome] += 1
            logger.warning("task %s %s: %s", task.pk, outcome, why)
    # Jobs marked running whose task is not running (a task that ended without ending its job, or work done in
    # a web request whose process died): failed once they have been silent for the lease.
    for job in Job.objects.filter(status=Job.Status.RUNNING).select_related("owner"):
        if job.task_id and job.task_id in running_tasks:
            continue
        silent = job.silent_seconds
        if silent is None or silent <= lease:
            continue
        with transaction.atomic():
            locked, busy = _locked_job(job.pk)
            if locked is None or busy or locked.status != Job.Status.RUNNING:
                continue
            fail_job(locked, failure_message(locked))
        counts["failed"] += 1
    live.forget_workers_older_than(max(lease * 10, 86400))
    return counts


def sweep_uploads(*, older_than: float | None = None) -> list[str]:
    """Remove uploaded import files that no waiting or running job needs (and a check's after the keep time)."""
    older_than = settings.GAMSA_JOB_LEASE_SECONDS if older_than is None else older_than
    keep_since = timezone.now() - timezone.timedelta(hours=settings.GAMSA_IMPORT_UPLOAD_KEEP_HOURS)
    needed = set()
    for params in Job.objects.filter(
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING], params__has_key="path"
    ).values_list("params", flat=True):
        needed.add(params.get("path"))
    for params in Job.objects.filter(
        status=Job.Status.DONE, params__mode="check", created_at__gte=keep_since
    ).values_list("params", flat=True):
        needed.add(params.get("path"))
    removed = []
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than)
    for path in _files_under(IMPORT_UPLOAD_DIR):
        if path in needed:
            continue
        try:
            if default_storage.get_modified_time(path) > cutoff:
                continue  # just uploaded: its job is being created
            default_storage.delete(path)
        except FileNotFoundError:
            continue
        removed.append(path)
    if removed:
        record_event(None, "job.uploads_swept", None, files=len(removed))
    return removed


def _files_under(folder: str) -> list[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [str(PurePosixPath(folder) / name) for name in files]
    for name in folders:
        found.extend(_files_under(str(PurePosixPath(folder) / name)))
    return found
