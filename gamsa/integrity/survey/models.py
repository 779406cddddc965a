"""간부 부패위험성 진단평가: a questionnaire (data: areas and questions), the managers invited to answer, and the
answers. Anonymous by construction: `Invitation` (who was asked, whether they answered) has no reference to an
answer, and `Response`/`Answer` have no reference to a person, no time and no sequential id (random UUID keys).
A response carries only its group (the 실·국 of the manager), and results are shown per group only with at least
`min_group` (≥ 5) answers, and only after the questionnaire has closed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

MIN_GROUP = 5


class RiskArea(models.Model):
    name = models.CharField("진단 분야", max_length=60, unique=True)
    description = models.CharField("설명", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "부패위험 진단 분야"
        verbose_name_plural = "부패위험 진단 분야"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", "준비"
    OPEN = "open", "진행 중"
    CLOSED = "closed", "마감"


class Questionnaire(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도", unique=True)
    title = models.CharField("제목", max_length=200)
    opens_on = models.DateField("시작일")
    closes_on = models.DateField("마감일")
    status = models.CharField(
        "상태", max_length=10, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    min_group = models.PositiveSmallIntegerField(
        "공개 최소 응답 수",
        default=MIN_GROUP,
        help_text="이보다 응답이 적은 집단은 결과를 보이지 않습니다 (5 이상).",
    )
    high_from = models.PositiveSmallIntegerField("위험 '높음' 기준점수", default=60)
    medium_from = models.PositiveSmallIntegerField("위험 '보통' 기준점수", default=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "integrity"
        verbose_name = "부패위험성 진단평가"
        verbose_name_plural = "부패위험성 진단평가"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.year}년 부패위험성 진단평가"


class Question(models.Model):
    """A statement answered 1 (전혀 아니다) … 5 (매우 그렇다). `reverse`: agreeing means lower risk."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    area = models.ForeignKey(RiskArea, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField("번호")
    text = models.CharField("문항", max_length=300)
    reverse = models.BooleanField("역문항(그렇다 = 위험 낮음)", default=False)

    class Meta:
        app_label = "integrity"
        verbose_name = "진단 문항"
        verbose_name_plural = "진단 문항"
        ordering = ["questionnaire", "number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="question_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Invitation(models.Model):
    """A manager asked to answer, and whether they have: no time, no reference to what they answered."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered = models.BooleanField("응답함", default=False)

    class Meta:
        app_label = "integrity"
        verbose_name = "진단평가 대상자"
        verbose_name_plural = "진단평가 대상자"
        constraints = [models.UniqueConstraint(fields=["questionnaire", "user"], name="invitation_once")]


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField("집단(실·국)", max_length=100)

    class Meta:
        app_label = "integrity"
        verbose_name = "진단평가 응답(익명)"
        verbose_name_plural = "진단평가 응답(익명)"
        indexes = [models.Index(fields=["questionnaire", "group"])]


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField("응답(1~5)")

    class Meta:
        app_label = "integrity"
        verbose_name = "진단평가 응답 문항(익명)"
        verbose_name_plural = "진단평가 응답 문항(익명)"
