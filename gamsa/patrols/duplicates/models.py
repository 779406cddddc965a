"""Near-duplicate candidates between field complaints and findings, and the queue of owed scans."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class DuplicateCandidate(models.Model):
    """A possible duplicate (same item within 250 m and 30 days) shown to a person, who links or dismisses it.

    `subject_*` is the newer record, `other_*` the earlier one; exactly one of each pair is set.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Decision(models.TextChoices):
        PENDING = "pending", "검토 대기"
        LINKED = "linked", "중복으로 연결"
        DISMISSED = "dismissed", "별건"

    subject_finding = models.ForeignKey(
        "patrols.Finding", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_complaint = models.ForeignKey(
        "patrols.FieldComplaint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    other_finding = models.ForeignKey(
        "patrols.Finding", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    other_complaint = models.ForeignKey(
        "patrols.FieldComplaint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    distance_m = models.PositiveIntegerField("거리(m)")
    days_apart = models.PositiveIntegerField("간격(일)")
    decision = models.CharField("판단", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "중복 후보"
        verbose_name_plural = "중복 후보"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["decision", "created_at"])]


class DuplicateScanPending(models.Model):
    """A field complaint whose near-duplicate scan is still owed. Written in the same transaction as the complaint
    (an import's new rows, an Open311 or staff entry) and deleted in the same transaction as the candidates the scan
    makes, so a scan killed half-way leaves exactly the rows it did not finish, and the next scan (the next import,
    a re-run of the same file, or `gamsa fieldcomplaints scan`) does them (docs/adr/0013).

    No database foreign key (db_constraint=False): PostgreSQL would check 66,228 keys at a year's import commit for
    a row that only ever points at a complaint written in the same transaction; a row whose complaint is gone is
    dropped by the scan."""

    complaint = models.OneToOneField(
        "patrols.FieldComplaint",
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "중복 검사 대기"
        verbose_name_plural = "중복 검사 대기"
