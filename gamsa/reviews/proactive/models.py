"""적극행정 (proactive administration): the twice-yearly selection of outstanding officials with a scoring committee
(지방공무원 적극행정 운영규정 제13조·제14조), 사전컨설팅 (제5조) and 면책 (공공감사법 제23조의2, 시행령 제13조의3·4,
운영규정 제15조)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

DEFAULT_CRITERIA = [
    {"code": "difficulty", "label": "업무 난이도", "max": 30},
    {"code": "proactivity", "label": "적극성·창의성", "max": 30},
    {"code": "impact", "label": "성과·파급효과", "max": 40},
]


class SelectionRound(models.Model):
    """One selection (상반기 / 하반기) of 적극행정 우수공무원."""

    class Half(models.IntegerChoices):
        FIRST = 1, "상반기"
        SECOND = 2, "하반기"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도")
    half = models.PositiveSmallIntegerField("반기", choices=Half.choices)
    criteria = models.JSONField("평가항목", default=list)
    quota = models.PositiveSmallIntegerField("선정 인원", default=8)
    decided_at = models.DateTimeField("선정일시", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-half"]
        constraints = [models.UniqueConstraint(fields=["year", "half"], name="reviews_one_round_per_half")]

    def __str__(self) -> str:
        return f"{self.year}년 {self.get_half_display()} 적극행정 우수공무원 선정"


class CommitteeMember(models.Model):
    """A member of the scoring committee (적극행정위원회; 민간위원 included, 운영규정 제11조)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("성명", max_length=60)
    affiliation = models.CharField("소속·직위", max_length=100, blank=True)
    external = models.BooleanField("민간위원", default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Nomination(models.Model):
    round = models.ForeignKey(SelectionRound, on_delete=models.PROTECT, related_name="nominations")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nominee_name = models.CharField("추천 대상 공무원", max_length=60)
    nominee_unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
    achievement = models.CharField("적극행정 사례", max_length=200)
    description = models.TextField("추진 내용")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField()
    total_score = models.DecimalField("평균 총점", max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("순위", null=True, blank=True)
    selected = models.BooleanField("선정", default=False)

    class Meta:
        ordering = ["rank", "id"]

    def __str__(self) -> str:
        return f"{self.nominee_name} — {self.achievement}"


class Score(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=30)
    points = models.PositiveSmallIntegerField("점수")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "member", "criterion"], name="reviews_one_score_per_item"
            )
        ]


class PreConsulting(models.Model):
    """사전컨설팅 (운영규정 제5조): a department asks the audit office for an opinion before acting."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "접수"
        ADVISED = "advised", "의견 회신"
        DECLINED = "declined", "반려"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("접수번호", max_length=20, unique=True)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="요청부서"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField("제목", max_length=200)
    question = models.TextField("질의 내용")
    facts = models.TextField("사실관계", blank=True)
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    advice = models.TextField("컨설팅 의견", blank=True)
    advised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.subject}"


class ExemptionCase(models.Model):
    """면책 application (or an ex-officio review) and its decision (시행령 제13조의3·4)."""

    class Decision(models.TextChoices):
        PENDING = "", "심사 중"
        GRANTED = "granted", "면책"
        DENIED = "denied", "면책 불인정"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("접수번호", max_length=20, unique=True)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="소속부서"
    )
    applicant_name = models.CharField("신청인(대상 공무원)", max_length=60)
    ex_officio = models.BooleanField("직권 심사", default=False)
    matter = models.TextField("면책 신청 사항")
    audit_reference = models.CharField("관련 감사", max_length=200, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField()
    consulting = models.ForeignKey(
        PreConsulting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemptions",
        verbose_name="관련 사전컨설팅",
    )
    public_interest = models.BooleanField("공익을 위한 적극적 업무 처리", default=False)
    no_private_interest = models.BooleanField("사적 이해관계 없음", default=False)
    no_serious_defect = models.BooleanField("중대한 절차상 하자 없음", default=False)
    decision = models.CharField("결정", max_length=20, choices=Decision.choices, blank=True, default="")
    decision_reason = models.TextField("결정 사유", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("결정일시", null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.applicant_name}"

    @property
    def presumed(self) -> bool:
        """운영규정 제15조④ / 시행령 제13조의3②: work done as advised in 사전컨설팅, or without private interest and
        serious procedural defect, presumes the requirements are met."""
        followed = self.consulting_id is not None and self.consulting.status == PreConsulting.Status.ADVISED
        return followed or (self.no_private_interest and self.no_serious_defect)


class QuarterlyExemptionReport(models.Model):
    """The report of a quarter's 면책 decisions to the 감사원 (시행령 제13조의4: within 10 days after the quarter)."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="reviews_one_report_per_quarter")
        ]
