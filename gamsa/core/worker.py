"""`gamsa worker`: django-tasks-db's database worker made to survive faults.

The library's `db_worker` claims and runs tasks well but (version 0.13) exits on the first database error outside
a task (a PostgreSQL restart), leaves a killed task RUNNING for ever, and on a second signal raises SystemExit inside
the task, so the task's job row stays "running". This worker runs the same claim (`select_for_update(skip_locked)`
in an exclusive transaction, then `claim`) and adds:

* a heartbeat thread (core.live, its own connection) for the worker and for the job it runs;
* recovery of lost jobs (core.jobs.recover_stale_jobs) at start and every half lease, and the upload sweep;
* reconnection with exponential backoff (1 s to 30 s) on OperationalError / InterfaceError instead of exiting;
* graceful stop on SIGTERM / SIGINT: claim nothing more, let the running task end within
  GAMSA_SHUTDOWN_GRACE_SECONDS, else raise WorkerStopping in it (its transaction rolls back) and hand the task back
  to the queue; a second signal hands back at once. Exit code 0 either way;
* it stops the same way when the `gamsa serve` that started it is gone (GAMSA_WORKER_PARENT_PID).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.db.models import F

from gamsa.core import jobs, live
from gamsa.core.models import Job

logger = logging.getLogger("gamsa.worker")

DB_ERRORS = (OperationalError, InterfaceError)
SWEEP_EVERY = 600.0
MAX_BACKOFF = 30.0


class WorkerStopping(BaseException):
    """Raised inside a running task when the worker must stop now; not an Exception, so tasks do not catch it."""


class Worker:
    def __init__(
        self,
        *,
        worker_id: str,
        queue_names: list[str],
        backend_name: str = "default",
        interval: float = 1.0,
        max_tasks: int | None = None,
        parent_pid: int | None = None,
    ):
        self.worker_id = worker_id
        self.queue_names = queue_names
        self.backend_name = backend_name
        self.interval = interval
        self.max_tasks = max_tasks
        self.parent_pid = parent_pid
        self.heartbeat = settings.GAMSA_JOB_HEARTBEAT_SECONDS
        self.lease = settings.GAMSA_JOB_LEASE_SECONDS
        self.grace = settings.GAMSA_SHUTDOWN_GRACE_SECONDS
        self.running = True
        self.in_task = False
        self.current_task = ""
        self.current_job: tuple[int, str] | None = None
        self.started_at = time.time()
        self.tasks_run = 0
        self._stop_beat = threading.Event()

    # --- signals ------------------------------------------------------------------------------------------------

    def configure_signals(self) -> None:
        for name in ("SIGINT", "SIGTERM", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), self.shutdown)
        signal.signal(signal.SIGALRM, self._grace_over)

    def shutdown(self, signum, frame) -> None:
        if not self.running:
            logger.warning("%s again: handing the running task back now", signal.strsignal(signum))
            if self.in_task:
                raise WorkerStopping()
            return
        self.running = False
        if self.in_task:
            logger.warning(
                "%s: stopping after the running task (at most %.0f s, then it goes back to the queue)",
                signal.strsignal(signum),
                self.grace,
            )
            signal.setitimer(signal.ITIMER_REAL, max(self.grace, 0.001))
        else:
            logger.info("%s: stopping", signal.strsignal(signum))

    def _grace_over(self, signum, frame) -> None:
        if self.in_task:
            logger.warning("grace period over: handing the running task back to the queue")
            raise WorkerStopping()

    # --- heartbeat ----------------------------------------------------------------------------------------------

    def beat(self) -> None:
        state = "running" if self.current_task else ("idle" if self.running else "stopping")
        live.beat_worker(self.worker_id, started_at=self.started_at, task_id=self.current_task, state=state)
        if self.current_job is not None:
            live.beat_job(self.current_job[1])

    def _beat_loop(self) -> None:
        failing = False
        while not self._stop_beat.wait(self.heartbeat):
            if self.parent_pid and self.running and os.getppid() != self.parent_pid:
                # `serve` is gone: stop as on SIGTERM (finish or hand back the task), never stay orphaned.
                logger.warning("the serve process that started this worker is gone: stopping")
                os.kill(os.getpid(), signal.SIGTERM)
            try:
                self.beat()
                failing = False
            except Exception as exc:  # a beat that fails is retried at the next one
                if not failing:
                    logger.warning("heartbeat not written: %s", exc.__class__.__name__)
                failing = True
        live.close()

    # --- the loop -----------------------------------------------------------------------------------------------

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while self.running and time.monotonic() < end:
            time.sleep(min(0.2, max(0.0, end - time.monotonic())))
            self._check_parent()

    def _check_parent(self) -> None:
        if self.parent_pid and self.running and os.getppid() != self.parent_pid:
            logger.warning("the serve process that started this worker is gone: stopping")
            self.running = False

    def _ready_tasks(self):
        from django_tasks_db.models import DBTaskResult

        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if "*" not in self.queue_names:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        return tasks

    def claim(self):
        from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

        close_old_connections()
        tasks = self._ready_tasks()
        with exclusive_transaction(tasks.db):
            try:
                task = tasks.get_locked()
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None
                raise
            if task is None:
                return None
            task.claim(self.worker_id)
            job_id = jobs.job_id_of(task)
            if job_id is not None:
                Job.objects.filter(pk=job_id).update(task_id=str(task.pk), attempts=F("attempts") + 1)
                public_id = Job.objects.filter(pk=job_id).values_list("public_id", flat=True).first()
                self.current_job = (job_id, str(public_id)) if public_id else None
        self.current_task = str(task.pk)
        try:
            self.beat()  # at once, so that recovery elsewhere sees this worker on this task
        except Exception as exc:
            logger.warning("heartbeat not written: %s", exc.__class__.__name__)
        return task

    def run(self) -> None:
        logger.info(
            "worker %s started (pid %s, queues %s)", self.worker_id, os.getpid(), ",".join(self.queue_names)
        )
        beater = threading.Thread(target=self._beat_loop, name="gamsa-heartbeat", daemon=True)
        backoff = 0.0
        next_recovery = next_sweep = 0.0
        try:
            self.beat()
        except Exception as exc:
            logger.warning("heartbeat not written: %s", exc.__class__.__name__)
        beater.start()
        try:
            while self.running:
                self._check_parent()
                if not self.running:
                    break
                try:
                    now = time.monotonic()
                    if now >= next_recovery:
                        counts = jobs.recover_stale_jobs()
                        if any(counts.values()):
                            logger.warning("lost jobs: %s", counts)
                        next_recovery = now + max(self.lease / 2, self.heartbeat)
                    if now >= next_sweep:
                        jobs.sweep_uploads()
                        next_sweep = now + SWEEP_EVERY
                    task = self.claim()
                    if task is not None:
                        self.run_task(task)
                    if backoff:
                        logger.warning("database reachable again")
                    backoff = 0.0
                except DB_ERRORS as exc:
                    self.current_task, self.current_job = "", None
                    backoff = min(MAX_BACKOFF, backoff * 2 or 1.0)
                    logger.warning(
                        "database error (%s): trying again in %.0f s", exc.__class__.__name__, backoff
                    )
                    connections.close_all()
                    self._sleep(backoff)
                    continue
                if self.max_tasks is not None and self.tasks_run >= self.max_tasks:
                    break
                if task is None:
                    self._sleep(self.interval)
        finally:
            self._stop_beat.set()
            beater.join(timeout=5)
            live.forget_worker(self.worker_id)
            live.close()
            logger.info("worker %s stopped", self.worker_id)

    def run_task(self, db_task) -> None:
        from django_tasks_db.compat import TaskContext, task_finished, task_started

        job_id = self.current_job[0] if self.current_job else None
        try:
            task = db_task.task
            task_result = db_task.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            self.in_task = True
            try:
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            finally:
                self.in_task = False
                signal.setitimer(signal.ITIMER_REAL, 0)
            db_task.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task.task_result)
        except WorkerStopping:
            self.running = False
            connections.close_all()  # the task's transaction rolled back; start clean
            jobs.hand_back(str(db_task.pk), job_id)
            logger.warning("task %s handed back to the queue", db_task.pk)
        except DB_ERRORS:
            raise  # the loop reconnects; recovery queues the task again once the lease is over
        except BaseException as exc:
            db_task.set_failed(exc)
            self._end_job(job_id, exc)
            logger.warning("task %s failed: %s", db_task.pk, exc.__class__.__name__)
        finally:
            self.tasks_run += 1
            self.current_task, self.current_job = "", None

    @staticmethod
    def _end_job(job_id: int | None, exc: BaseException) -> None:
        """A task that raised without ending its job (SystemExit, KeyboardInterrupt...) still ends it."""
        if job_id is None:
            return
        from gamsa.core.services import fail_job

        job = Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
        if job is not None:
            fail_job(job, f"작업이 오류로 끝났습니다: {exc.__class__.__name__}")
