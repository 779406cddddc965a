"""Attachments: checked by content, stripped of image metadata, stored under random names."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random; the original name only lives in the database.
    return f"attachments/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField("파일명", max_length=255)
    kind = models.CharField("형식", max_length=10)  # jpeg png gif webp pdf hwp hwpx xlsx docx
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField("크기")
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("등록일시")
    # What the file belongs to: "app_label.model" and that object's public identifier.
    owner_type = models.CharField(max_length=80, blank=True)
    owner_id = models.CharField(max_length=64, blank=True)
    metadata_stripped = models.BooleanField("메타데이터 제거", default=False)

    class Meta:
        verbose_name = "첨부파일"
        verbose_name_plural = "첨부파일"
        ordering = ["-uploaded_at"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"]),
            models.Index(fields=["uploaded_by", "uploaded_at"]),
        ]

    def __str__(self) -> str:
        return self.original_name
