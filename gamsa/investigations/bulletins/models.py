"""Misconduct-case bulletins (비위 사례 공유): items (press reports, other bodies' disciplinary cases, card news),
the bulletins that bundle them and are posted to staff on the board, and departments' trend reports (동향보고).

A posted bulletin is a board post (`gamsa.core.board`, category 비위 사례) whose `source` names the bulletin; the
read receipts are the board's. Items and bulletins carry no personal data of the district's staff.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Tag(models.Model):
    """A free keyword (음주운전, 금품수수, 갑질 …) shared by items and trend reports."""

    name = models.CharField("태그", max_length=30, unique=True)

    class Meta:
        verbose_name = "태그"
        verbose_name_plural = "태그"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    PRESS = "press", "언론 보도"
    DISCIPLINE = "discipline", "타 기관 징계 사례"
    CARD_NEWS = "card_news", "카드뉴스"


class MisconductItem(models.Model):
    """One misconduct case to share: where it comes from, when, a link, tags and the departments it concerns."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("종류", max_length=20, choices=ItemKind.choices)
    title = models.CharField("제목", max_length=200)
    source = models.CharField("출처", max_length=100, help_text="언론사나 기관 이름")
    published_on = models.DateField("보도·처분일")
    link = models.URLField("링크", max_length=500, blank=True)
    summary = models.TextField("요지", blank=True)
    allegation_type = models.ForeignKey(
        "investigations.AllegationType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="비위 유형",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name="태그")
    departments = models.ManyToManyField(
        "core.OrgUnit", blank=True, related_name="+", verbose_name="관련 부서"
    )
    card_message = models.TextField("카드뉴스 알림 문구", blank=True)
    card_actions = models.TextField("카드뉴스 실천 사항", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "비위 사례"
        verbose_name_plural = "비위 사례"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["published_on"], name="inv_item_published"),
            models.Index(fields=["kind", "published_on"], name="inv_item_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"비위 사례 {self.title[:60]}"


class Bulletin(models.Model):
    """A bundle of items posted to staff (제N호 of a year). Posting makes the board post; it cannot be edited after."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도")
    number = models.PositiveSmallIntegerField("호")
    title = models.CharField("제목", max_length=150)
    intro = models.TextField("머리말", blank=True)
    items = models.ManyToManyField(
        MisconductItem, through="BulletinItem", related_name="bulletins", verbose_name="비위 사례"
    )
    audience_units = models.ManyToManyField(
        "core.OrgUnit", blank=True, related_name="+", verbose_name="받는 부서"
    )
    post = models.OneToOneField(
        "board.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="게시글"
    )
    posted_at = models.DateTimeField("게시일시", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "비위 사례 공유"
        verbose_name_plural = "비위 사례 공유"
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="inv_bulletin_number")]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return f"{self.year}년 제{self.number}호"

    @property
    def log_label(self) -> str:
        return f"비위 사례 공유 {self.label}"

    @property
    def is_posted(self) -> bool:
        return self.post_id is not None


class BulletinItem(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(MisconductItem, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "item"], name="inv_bulletin_item_once")]


class TrendReport(models.Model):
    """동향보고: a department's report of what it sees (press, complaints, risks), logged and searchable."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reported_on = models.DateField("보고일")
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="부서")
    title = models.CharField("제목", max_length=200)
    summary = models.TextField("내용")
    tags = models.ManyToManyField(Tag, blank=True, related_name="trend_reports", verbose_name="태그")
    items = models.ManyToManyField(
        MisconductItem, blank=True, related_name="trend_reports", verbose_name="관련 비위 사례"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="보고자",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "동향보고"
        verbose_name_plural = "동향보고"
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["reported_on"], name="inv_trend_reported"),
            models.Index(fields=["unit", "reported_on"], name="inv_trend_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"동향보고 {self.reported_on:%Y-%m-%d}"
