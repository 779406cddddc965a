"""Progress of long background work (imports, exports, reports), shown to the user as a progress bar."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "대기"
        RUNNING = "running", "진행 중"
        DONE = "done", "완료"
        FAILED = "failed", "실패"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("작업", max_length=50)
    label = models.CharField("작업명", max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.ForeignKey(
        "core.Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set by `gamsa worker` when it claims the job's task: the task row to hand back, and how many runs began.
    task_id = models.CharField(max_length=64, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "백그라운드 작업"
        verbose_name_plural = "백그라운드 작업"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @classmethod
    def from_db(cls, db, field_names, values):
        """An unfinished job shows the live progress its worker reports on its own connection (core.live)."""
        job = super().from_db(db, field_names, values)
        job.last_beat = None
        if job.status in (cls.Status.QUEUED, cls.Status.RUNNING) and "public_id" in field_names:
            from gamsa.core import live

            state = live.job_state(job.public_id)
            if state is not None:
                job.done, job.total = state.done, state.total or job.total
                job.message = state.message or job.message
                job.last_beat = state.beat_at
        return job

    @property
    def silent_seconds(self) -> int | None:
        """Seconds since the last sign of life of a running job (None when it is not running)."""
        if self.status != self.Status.RUNNING:
            return None
        import time

        beat = getattr(self, "last_beat", None)
        if beat is None and self.started_at is not None:
            beat = self.started_at.timestamp()
        return int(time.time() - beat) if beat is not None else None

    @property
    def silent(self) -> bool:
        """True when a running job has been silent longer than its lease: its worker has probably stopped."""
        silent = self.silent_seconds
        return silent is not None and silent > settings.GAMSA_JOB_LEASE_SECONDS

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
