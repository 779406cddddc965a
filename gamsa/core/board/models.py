"""The staff notice board (직원 게시판): posts to all staff or to chosen units, with a read receipt per person.

Other apps publish through `gamsa.core.board.services.publish_post` (card news, misconduct bulletins); a post may
name the record it came from (`source_type`, `source_id`: the app label and the public identifier)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Category(models.TextChoices):
    NOTICE = "notice", "공지"
    INTEGRITY = "integrity", "청렴"
    HUMAN_RIGHTS = "human_rights", "인권"
    MISCONDUCT = "misconduct", "비위 사례"
    AUDIT = "audit", "감사 지적사례"
    OTHER = "other", "기타"


class Post(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용", blank=True)
    category = models.CharField("분류", max_length=20, choices=Category.choices, default=Category.NOTICE)
    audience_all = models.BooleanField("전 직원", default=True)
    audience_units = models.ManyToManyField(
        "core.OrgUnit", blank=True, related_name="+", verbose_name="받는 부서"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="게시자",
    )
    published_at = models.DateTimeField("게시일시", db_index=True)
    source_type = models.CharField("출처 종류", max_length=80, blank=True)
    source_id = models.CharField("출처 식별자", max_length=64, blank=True)
    withdrawn_at = models.DateTimeField("내린 일시", null=True, blank=True)

    class Meta:
        verbose_name = "게시글"
        verbose_name_plural = "게시글"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["audience_all", "published_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"게시글 {self.title[:60]}"


class ReadReceipt(models.Model):
    """The first time a staff member opened a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField("읽은 일시")

    class Meta:
        verbose_name = "읽음 확인"
        verbose_name_plural = "읽음 확인"
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="board_receipt_once")]
