"""응답소 field complaints (현장민원): 12 fields, 73 items each with its own deadline, and the complaints."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# A new item's near-duplicate window until an administrator sets its own (seeds.py sets the shipped items'); the
# limits keep the scan's grid cells and SQL windows bounded.
DUPLICATE_DEFAULT_RADIUS_M = 50
DUPLICATE_DEFAULT_DAYS = 14
DUPLICATE_MAX_RADIUS_M = 1000
DUPLICATE_MAX_DAYS = 365


class FieldCategory(models.Model):
    """분야 of 응답소 (교통, 도로, 청소, …). Administrator-editable data."""

    name = models.CharField("분야", max_length=60, unique=True)
    sort_order = models.PositiveIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "현장민원 분야"
        verbose_name_plural = "현장민원 분야"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DeadlineBasis(models.TextChoices):
    CLOCK_HOURS = "clock_hours", "경과시간(24시간 기준)"
    WORKING_HOURS = "working_hours", "근무시간(1일 8시간, 토·일·공휴일 제외)"


class FieldItem(models.Model):
    """세부항목 with its own deadline (e.g. 불법주정차 3시간). Also the Open311 service (`code`).

    An item name an import does not know is created `provisional` with the default deadline and flagged for an
    administrator, who either confirms it (setting its deadline) or maps it onto an existing item (`alias_of`).
    """

    category = models.ForeignKey(
        FieldCategory, on_delete=models.PROTECT, related_name="items", verbose_name="분야"
    )
    name = models.CharField("세부항목", max_length=100)
    code = models.SlugField("서비스 코드", max_length=40, unique=True)
    description = models.CharField("설명", max_length=300, blank=True)
    deadline_hours = models.PositiveIntegerField("처리기한(시간)", default=24)
    deadline_basis = models.CharField(
        "기한 계산", max_length=20, choices=DeadlineBasis.choices, default=DeadlineBasis.CLOCK_HOURS
    )
    default_unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="기본 처리부서",
    )
    keywords = models.CharField("검색어", max_length=300, blank=True)
    active = models.BooleanField("사용", default=True)
    open311 = models.BooleanField("Open311 공개", default=True)
    provisional = models.BooleanField("미확인(가져오기 중 새로 발견)", default=False)
    alias_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aliases",
        verbose_name="같은 항목",
    )
    basis_note = models.CharField(
        "기한 근거",
        max_length=200,
        blank=True,
        help_text="응답소 항목별 처리기한(서울시 기준, 신뢰도 중간): 구 실정에 맞게 수정",
    )
    sort_order = models.PositiveIntegerField("순서", default=0)
    # The near-duplicate window (gamsa/patrols/duplicates/): two reports of this item within this distance and this many
    # days may be one hazard. EDITABLE JUDGEMENT, not law: the seed's defaults (seeds.DUPLICATE_WINDOW_BY_FIELD and
    # _BY_ITEM) say what a district usually sees; an administrator changes them here.
    duplicate_never = models.BooleanField(
        "중복으로 보지 않음",
        default=False,
        help_text="불법주정차·소음처럼 신고마다 새 사건인 항목은 중복 후보를 찾지 않습니다.",
    )
    duplicate_radius_m = models.PositiveIntegerField(
        "중복 판단 거리(m)",
        default=DUPLICATE_DEFAULT_RADIUS_M,
        validators=[MinValueValidator(1), MaxValueValidator(DUPLICATE_MAX_RADIUS_M)],
        help_text="이 거리 안의 같은 항목 신고를 중복 후보로 봅니다(1–1,000 m). 기본값은 판단에 따른 초기값이며 법정 기준이 아닙니다.",
    )
    duplicate_days = models.PositiveIntegerField(
        "중복 판단 기간(일)",
        default=DUPLICATE_DEFAULT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(DUPLICATE_MAX_DAYS)],
        help_text="이 기간 안에 접수된 신고끼리만 비교합니다(1–365일). 기본값은 판단에 따른 초기값이며 법정 기준이 아닙니다.",
    )

    class Meta:
        verbose_name = "현장민원 세부항목"
        verbose_name_plural = "현장민원 세부항목"
        ordering = ["category__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="field_item_unique_name"),
            models.CheckConstraint(
                condition=models.Q(duplicate_radius_m__gte=1, duplicate_radius_m__lte=DUPLICATE_MAX_RADIUS_M),
                name="field_item_duplicate_radius_range",
            ),
            models.CheckConstraint(
                condition=models.Q(duplicate_days__gte=1, duplicate_days__lte=DUPLICATE_MAX_DAYS),
                name="field_item_duplicate_days_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category.name} > {self.name}"

    @property
    def effective(self) -> FieldItem:
        return self.alias_of or self

    @property
    def duplicate_window_label(self) -> str:
        """'50 m·14일' or '중복 아님 (매번 새 사건)', for pages and the admin list."""
        if self.duplicate_never:
            return "중복 아님(매번 새 사건)"
        return f"{self.duplicate_radius_m:,} m·{self.duplicate_days}일"


class UnitAlias(models.Model):
    """A 처리부서 name as the portal writes it, mapped to our organisation unit (null: not yet mapped, flagged)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("처리부서명(원문)", max_length=100, unique=True)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="조직"
    )
    first_seen_at = models.DateTimeField("처음 발견", auto_now_add=True)

    class Meta:
        verbose_name = "처리부서 이름 대응"
        verbose_name_plural = "처리부서 이름 대응"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Source(models.TextChoices):
    EUNGDAPSO = "eungdapso", "응답소"
    OPEN311 = "open311", "Open311"
    STAFF = "staff", "직원 등록"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "접수"
    PROCESSING = "processing", "처리중"
    DONE = "done", "처리완료"
    TRANSFERRED = "transferred", "이첩"
    CANCELLED = "cancelled", "취소·반려"
    DUPLICATE = "duplicate", "중복"


OPEN_COMPLAINT_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.PROCESSING)
CLOSED_COMPLAINT_STATUSES = (
    ComplaintStatus.DONE,
    ComplaintStatus.TRANSFERRED,
    ComplaintStatus.CANCELLED,
    ComplaintStatus.DUPLICATE,
)


# The partial indexes' condition: the open complaints, as plain strings (the form the migrations store).
OPEN_ONLY = models.Q(status__in=[str(status) for status in OPEN_COMPLAINT_STATUSES])


class FieldComplaint(models.Model):
    """One 현장민원. `source_id` is the portal's 접수번호 (the import key); Open311 and staff entries get their own."""

    source_id = models.CharField("접수번호", max_length=40, unique=True)
    source = models.CharField("경로", max_length=20, choices=Source.choices, default=Source.EUNGDAPSO)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    received_at = models.DateTimeField("접수일시")
    item = models.ForeignKey(
        FieldItem,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name="세부항목",
        db_index=False,
    )
    title = models.CharField("제목", max_length=300)
    body = models.TextField("내용", blank=True)
    address = models.CharField("주소", max_length=300, blank=True)
    latitude = models.DecimalField("위도", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("경도", max_digits=9, decimal_places=6, null=True, blank=True)
    unit_name = models.CharField("처리부서(원문)", max_length=100, blank=True)
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="field_complaints",
        verbose_name="처리부서",
        db_index=False,
    )
    status = models.CharField(
        "처리상태", max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    due_at = models.DateTimeField("처리기한")
    processed_at = models.DateTimeField("처리일시", null=True, blank=True)
    result = models.TextField("처리내용", blank=True)
    # Personal data of the reporter (Open311 posts carry them; portal exports do not). Every view is access-logged.
    reporter_name = models.CharField("신고인", max_length=100, blank=True)
    reporter_phone = models.CharField("연락처", max_length=40, blank=True)
    reporter_email = models.EmailField("이메일", blank=True)
    device_id = models.CharField("기기 ID", max_length=100, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="중복 원건",
        db_index=False,
    )
    import_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "현장민원"
        verbose_name_plural = "현장민원"
        ordering = ["-received_at"]
        # Few indexes on purpose: a year's import writes 66,000 rows, and each index costs on every insert. The item
        # and unit foreign keys are covered by the composite indexes (their first column).
        indexes = [
            models.Index(fields=["item", "received_at"]),
            models.Index(fields=["received_at"]),
            # The department evaluation (evaluation.py) reads a year of complaints grouped by unit: on PostgreSQL
            # this index answers it by an index-only scan already in unit order (no sort, no table reads).
            models.Index(
                fields=["unit", "received_at"],
                include=["status", "due_at", "processed_at"],
                name="patrols_fc_evaluation_idx",
            ),
            # The open complaints only (a small share of a year): the live "open and overdue" count of the ranking.
            models.Index(
                fields=["received_at"],
                include=["unit", "due_at"],
                condition=OPEN_ONLY,
                name="patrols_fc_open_idx",
            ),
            # The open complaints by unit and deadline: the monitoring board's counts, a department's due and overdue
            # work, the overdue list. Every deadline query is about open complaints, so the index holds only those
            # (a year's import of mostly closed rows barely touches it; ADR 0013).
            models.Index(
                fields=["unit", "due_at"],
                condition=OPEN_ONLY,
                name="patrols_fc_open_unit_due_idx",
            ),
            # Only the complaints marked as duplicates (none from an import, so inserts do not pay for it): without
            # it, deleting a complaint makes both databases scan the whole table for rows pointing at it.
            models.Index(
                fields=["duplicate_of"],
                condition=models.Q(duplicate_of__isnull=False),
                name="patrols_fc_duplicate_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.title}"

    @property
    def log_label(self) -> str:
        return f"현장민원 {self.source_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_COMPLAINT_STATUSES


class SiteCheck(models.Model):
    """현장점검: the patrol team's on-site check of a field complaint's processing."""

    class Result(models.TextChoices):
        CONFIRMED = "confirmed", "처리 확인"
        NOT_DONE = "not_done", "미처리·부실"
        NOT_CHECKABLE = "not_checkable", "확인 불가"

    complaint = models.ForeignKey(FieldComplaint, on_delete=models.CASCADE, related_name="site_checks")
    checked_at = models.DateTimeField("점검일시")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result = models.CharField("결과", max_length=20, choices=Result.choices)
    note = models.TextField("점검 내용", blank=True)

    class Meta:
        verbose_name = "현장점검"
        verbose_name_plural = "현장점검"
        ordering = ["-checked_at"]


class QualityReview(models.Model):
    """A sampled review of an answer's quality (도봉 practice: answer text and a 처리 사진), for the awards."""

    complaint = models.ForeignKey(FieldComplaint, on_delete=models.CASCADE, related_name="quality_reviews")
    reviewed_at = models.DateTimeField("평가일시")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("점수(0–100)")
    has_photo = models.BooleanField("처리 사진 첨부", default=False)
    note = models.CharField("의견", max_length=500, blank=True)

    class Meta:
        verbose_name = "처리 품질 평가"
        verbose_name_plural = "처리 품질 평가"
        ordering = ["-reviewed_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=100), name="quality_score_max_100"),
        ]


class EvaluationSnapshot(models.Model):
    """The slow, time-independent part of a year's department evaluation (counts, closed on time, medians),
    stored after it is computed and dropped by every write to field complaints (and after an hour at the latest).
    "Open and overdue" depends on the moment and is always counted live."""

    year = models.PositiveIntegerField("연도", unique=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField("계산 시각")

    class Meta:
        verbose_name = "부서 평가 집계"
        verbose_name_plural = "부서 평가 집계"


class EvaluationRule(models.Model):
    """The department evaluation's minimum count, as versioned data (house rule 5): departments with fewer
    complaints in the year are listed apart and not ranked. The version in force on 31 December of the evaluated
    year applies (the awards are decided in December). Versions are added, never changed."""

    min_count = models.PositiveIntegerField(
        "최소 건수", help_text="한 해 접수 건수가 이보다 적은 부서는 순위에서 빼고 따로 나열합니다."
    )
    effective_from = models.DateField("시행일", unique=True)
    note = models.CharField("근거·비고", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("등록 시각", auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "부서 평가 최소 건수"
        verbose_name_plural = "부서 평가 최소 건수"

    def __str__(self) -> str:
        return f"{self.effective_from:%Y. %-m. %-d.}부터 {self.min_count:,}건"
