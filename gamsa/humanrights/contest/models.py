"""인권 공모전 (the residents' human-rights contest, October): entries, the jury's scores per juror and criterion,
and the winners ranked by their total (the sum over the criteria of the jurors' mean score)."""

from __future__ import annotations

import uuid

from django.db import models


class Contest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도", unique=True)
    title = models.CharField("공모전명", max_length=150)
    theme = models.CharField("주제", max_length=200, blank=True)
    opens_on = models.DateField("접수 시작일")
    closes_on = models.DateField("접수 마감일")
    announced_on = models.DateField("수상작 발표일", null=True, blank=True)

    class Meta:
        verbose_name = "인권 공모전"
        verbose_name_plural = "인권 공모전"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.year}년 인권 공모전"


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField("순서")
    name = models.CharField("심사 기준", max_length=60)
    max_score = models.PositiveSmallIntegerField("배점")

    class Meta:
        verbose_name = "심사 기준"
        verbose_name_plural = "심사 기준"
        ordering = ["contest", "order"]
        constraints = [models.UniqueConstraint(fields=["contest", "order"], name="hr_criterion_order")]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_score}점)"


class Prize(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prizes")
    order = models.PositiveSmallIntegerField("순위")
    label = models.CharField("시상", max_length=30)
    count = models.PositiveSmallIntegerField("수상 작품 수", default=1)

    class Meta:
        verbose_name = "시상 내역"
        verbose_name_plural = "시상 내역"
        ordering = ["contest", "order"]


class Juror(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="jurors")
    name = models.CharField("심사위원", max_length=50)
    affiliation = models.CharField("소속", max_length=100, blank=True)

    class Meta:
        verbose_name = "심사위원"
        verbose_name_plural = "심사위원"
        ordering = ["contest", "id"]

    def __str__(self) -> str:
        return self.name


class Category(models.TextChoices):
    VIDEO = "video", "인권 영상"
    CARD_NEWS = "card_news", "인권 카드뉴스"
    POSTER = "poster", "인권 포스터"
    SLOGAN = "slogan", "인권 표어·수기"


class Entry(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveIntegerField("접수번호")
    title = models.CharField("작품명", max_length=150)
    category = models.CharField("분야", max_length=12, choices=Category.choices)
    entrant_name = models.CharField("응모자 성명", max_length=50)
    entrant_phone = models.CharField("응모자 연락처", max_length=30, blank=True)
    submitted_on = models.DateField("접수일")
    description = models.TextField("작품 설명", blank=True)
    total = models.DecimalField("총점", max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("순위", null=True, blank=True)
    prize = models.CharField("수상", max_length=30, blank=True)

    class Meta:
        verbose_name = "응모작"
        verbose_name_plural = "응모작"
        ordering = ["contest", "number"]
        constraints = [models.UniqueConstraint(fields=["contest", "number"], name="hr_entry_number")]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.contest.year}년 공모전 응모작 {self.number}"


class Score(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField("점수", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = "심사 점수"
        verbose_name_plural = "심사 점수"
        constraints = [models.UniqueConstraint(fields=["entry", "juror", "criterion"], name="hr_score_once")]
