"""Grievances (고충민원 and the other 민원 kinds the office handles), their complainants and their clocks, and the
complaint team's quarterly inspection (처리실태 점검) of each department's handling."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    EUNGDAPSO = "eungdapso", "응답소"
    MAYOR_INBOX = "mayor_inbox", "구청장에게 바란다"
    SINMUNGO = "sinmungo", "국민신문고 이송"
    PHONE = "phone", "전화"
    VISIT = "visit", "방문"
    MAIL = "mail", "우편"
    OTHER = "other", "기타"


class Kind(models.TextChoices):
    """The calendar's deadline kinds a grievance can have (core DeadlineRule.kind)."""

    GRIEVANCE = "grievance", "고충민원"
    INQUIRY_LAW = "inquiry_law", "질의민원(법령)"
    INQUIRY_PROCEDURE = "inquiry_procedure", "질의민원(제도·절차)"
    PROPOSAL = "proposal", "건의민원"
    OTHER = "other", "기타민원"


class Status(models.TextChoices):
    RECEIVED = "received", "접수"
    ASSIGNED = "assigned", "배정"
    IN_PROGRESS = "in_progress", "처리중"
    SUPPLEMENT = "supplement", "보완요청"
    SITE_SURVEY = "site_survey", "현장조사"
    ANSWERED = "answered", "답변완료"
    CLOSED = "closed", "종결"
    TRANSFERRED = "transferred", "이송"
    WITHDRAWN = "withdrawn", "취하"
    CLOSED_INTERNALLY = "closed_internally", "내부종결"
    REJECTED = "rejected", "반려"


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.SUPPLEMENT, Status.SITE_SURVEY)
PAUSED_STATUSES = (Status.SUPPLEMENT, Status.SITE_SURVEY)


class Category(models.Model):
    code = models.SlugField("코드", max_length=40, unique=True)
    name = models.CharField("분야", max_length=60)
    active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "민원 분야"
        verbose_name_plural = "민원 분야"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Complainant(models.Model):
    """The person behind a complaint. Every display of these fields is recorded in the access log."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("성명", max_length=60)
    phone = models.CharField("연락처", max_length=30, blank=True)
    email = models.EmailField("이메일", blank=True)
    address = models.CharField("주소", max_length=200, blank=True)
    name_key = models.CharField(max_length=60, db_index=True, editable=False)
    phone_key = models.CharField(max_length=20, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # 특이민원 (법 제4조, 영 제4조): a team leader or director handles this complainant personally.
    is_abusive = models.BooleanField("특이민원인", default=False)
    abusive_since = models.DateTimeField(null=True, blank=True)
    dedicated_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="전담자",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "민원인"
        verbose_name_plural = "민원인"
        indexes = [models.Index(fields=["name_key", "phone_key"])]

    def __str__(self) -> str:
        return f"민원인 {str(self.public_id)[:8]}"

    @property
    def log_label(self) -> str:
        return f"민원인 {str(self.public_id)[:8]}"


class Grievance(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("접수번호", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    source_ref = models.CharField(
        "원 접수번호", max_length=40, blank=True, help_text="응답소·국민신문고 번호"
    )
    channel = models.CharField("접수경로", max_length=20, choices=Channel.choices)
    kind = models.CharField("민원 종류", max_length=30, choices=Kind.choices, default=Kind.GRIEVANCE)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, verbose_name="분야"
    )
    complainant = models.ForeignKey(Complainant, on_delete=models.PROTECT, related_name="grievances")
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용")
    place_address = models.CharField("장소", max_length=200, blank=True)
    place_key = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    latitude = models.DecimalField("위도", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("경도", max_digits=9, decimal_places=6, null=True, blank=True)
    # 다수인관련민원 (법 제2조제6호): 5세대 이상, 5명 이상 연명
    households = models.PositiveIntegerField("세대 수", default=1)
    signatories = models.PositiveIntegerField("연명 인원", default=1)

    status = models.CharField("상태", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    department = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="처리부서",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="담당자",
    )
    # The legal clock (all from core.calendar).
    received_at = models.DateTimeField("접수일시")
    counted_from = models.DateTimeField("기산 시각")
    original_due_at = models.DateTimeField("최초 처리기한")
    due_at = models.DateTimeField("처리기한", db_index=True)
    clock_method = models.CharField(max_length=20)
    paused_at = models.DateTimeField("정지 시작", null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField("연장 횟수", default=0)
    answered_at = models.DateTimeField("답변일시", null=True, blank=True)
    closed_at = models.DateTimeField("종결일시", null=True, blank=True)
    last_progress_notice_at = models.DateTimeField("최근 중간통지", null=True, blank=True)
    # A new assignment stays "new" on the department's desk until its handler (or, without one, someone of the
    # department) opens the case or confirms it (services.acknowledge_assignment); each (re)assignment clears it.
    assigned_at = models.DateTimeField("배정일시", null=True, blank=True)
    acknowledged_at = models.DateTimeField("배정 확인일시", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="배정 확인자",
    )
    # Repeats: `reopened_from` is a re-filing after an answer (goes back to the audit office, 영 제17조②);
    # `repeat_of` is the first complaint of a chain an officer confirmed as the same matter (법 제23조).
    reopened_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    repeat_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeats"
    )
    # 중복민원: other residents' complaints about the same matter an officer linked for joint handling; `joint_of` is
    # the first complaint of the group. Never counted toward 제23조 (that is `repeat_of`).
    joint_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_cases",
        verbose_name="공동 처리 기준 민원",
    )
    # The matter read from the text (gamsa.text.matters; "" when unclear) and every matter it mentions, best first.
    matter = models.CharField("사안(추정)", max_length=30, blank=True, editable=False)
    matters = models.CharField(max_length=200, blank=True, editable=False)
    # Every place key of the place address and the text, "|"-joined (as in GrievancePlace; read with the row).
    place_keys = models.CharField(max_length=1000, blank=True, editable=False)
    # The text's gram vector (gamsa.text.signature), made on save; NULL: not made yet (the lookup makes it then).
    text_signature = models.BinaryField(null=True, blank=True, editable=False)
    pin_hash = models.CharField(max_length=200, blank=True, editable=False)
    search_grams = models.TextField(blank=True, editable=False)  # syllable bigrams for Korean keyword search
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "고충민원"
        verbose_name_plural = "고충민원"
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="grievance_year_sequence")]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["department", "status", "due_at"]),
            models.Index(fields=["received_at", "id"]),
            models.Index(fields=["channel", "received_at"]),
            models.Index(fields=["place_key", "category"]),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_multi_party(self) -> bool:
        return self.households >= 5 and self.signatories >= 5


class GrievancePlace(models.Model):
    """Every place key of a grievance (its place address and the places its text names), for finding other
    residents' complaints about the same matter at the same place (`complaints/similarity.py`)."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="places")
    key = models.CharField(max_length=120)
    matter = models.CharField(max_length=30, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = "민원 장소 키"
        verbose_name_plural = "민원 장소 키"
        # On PostgreSQL the index also INCLUDEs grievance_id (migration 0008): the lookup reads the index only.
        indexes = [models.Index(fields=["key", "matter", "received_at"], name="grievance_place_lookup")]
        constraints = [models.UniqueConstraint(fields=["grievance", "key"], name="grievance_place_unique")]


class Answer(models.Model):
    """A result notice (법 제27조, 영 제29조). A refusal states reasons and remedies."""

    class Method(models.TextChoices):
        DOCUMENT = "document", "문서"
        ELECTRONIC = "electronic", "전자문서"
        EMAIL = "email", "전자우편"
        SMS = "sms", "문자"
        PHONE = "phone", "전화"
        FAX = "fax", "팩스"

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "수용"
        PARTIAL = "partial", "일부 수용"
        EXPLAINED = "explained", "설명·안내"
        NOT_ACCEPTED = "not_accepted", "불수용"
        REFUSED = "refused", "거부"

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="answers")
    method = models.CharField("통지 방법", max_length=20, choices=Method.choices)
    outcome = models.CharField("처리 결과", max_length=20, choices=Outcome.choices)
    text = models.TextField("답변 내용")
    reasons = models.TextField("거부·불수용 사유", blank=True)
    remedies = models.TextField("불복 구제 절차", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField("답변일시")

    class Meta:
        verbose_name = "처리결과 통지"
        verbose_name_plural = "처리결과 통지"
        ordering = ["answered_at"]

    @property
    def shows_remedy(self) -> bool:
        """Whether the remedy notice (행정심판·행정소송) goes with this answer: grievances/remedies.py."""
        from gamsa.complaints.grievances.remedies import shows_remedy

        return shows_remedy(self)


class Extension(models.Model):
    """처리기간 연장 (영 제21조): at most twice; the second only with the complainant's consent."""

    class Reason(models.TextChoices):
        COOPERATION = "cooperation", "다른 기관·부서의 협조가 필요함"
        FACT_CHECK = "fact_check", "사실관계·현장 확인이 필요함"
        FORCE_MAJEURE = "force_majeure", "천재지변 등 불가항력"
        EQUIVALENT = "equivalent", "그 밖에 이에 준하는 사유"
        WORKLOAD = "workload", "업무량 과다"
        LATE_ASSIGNMENT = "late_assignment", "담당자 지정 지연"
        ABSENCE = "absence", "담당자 부재"

    FORBIDDEN = (Reason.WORKLOAD, Reason.LATE_ASSIGNMENT, Reason.ABSENCE)

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="extensions")
    number = models.PositiveSmallIntegerField("차수")
    reason = models.CharField("사유", max_length=30, choices=Reason.choices)
    reason_detail = models.TextField("구체적 사유")
    amount = models.PositiveIntegerField("연장 기간")
    previous_due_at = models.DateTimeField("종전 처리기한")
    new_due_at = models.DateTimeField("변경 처리기한")
    consent_recorded = models.BooleanField("민원인 동의", default=False)
    consent_note = models.CharField("동의 내용", max_length=300, blank=True)
    notice_text = models.TextField("연장 통지문")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "처리기간 연장"
        verbose_name_plural = "처리기간 연장"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["grievance", "number"], name="extension_number_unique")
        ]


class Pause(models.Model):
    """A period not counted in the clock: 보완 (영 제20조) or 현장조사 (영 제17조④⑤, up to 14 days, +7 once)."""

    class Kind(models.TextChoices):
        SUPPLEMENT = "supplement", "보완요청"
        SITE_SURVEY = "site_survey", "현장조사"

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField("사유")
    started_at = models.DateTimeField()
    planned_until = models.DateTimeField("예정 종료", null=True, blank=True)
    survey_extended = models.BooleanField("현장조사 연장", default=False)
    ended_at = models.DateTimeField(null=True, blank=True)
    shifted_by = models.CharField("기한 연기", max_length=60, blank=True)

    class Meta:
        verbose_name = "처리기간 정지"
        verbose_name_plural = "처리기간 정지"
        ordering = ["started_at"]


class Notice(models.Model):
    """Letters to the complainant: receipt, progress (every 30 days, 영 제23조), extension, transfer."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "접수 통지"
        PROGRESS = "progress", "중간 통지"
        EXTENSION = "extension", "연장 통지"
        TRANSFER = "transfer", "이송 통지"
        SUPPLEMENT = "supplement", "보완 요청"

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    sent_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "통지"
        verbose_name_plural = "통지"
        ordering = ["sent_at"]


class SimilarityReview(models.Model):
    """An officer's decision on a proposed repeat: the system proposes, a person decides (법 제23조③)."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", "같은 민원으로 확인"
        DISMISSED = "dismissed", "다른 민원"

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="similarity_reviews")
    candidate = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    same_complainant = models.BooleanField(default=False)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    new_grounds = models.BooleanField("새로운 이유 있음", default=False)
    note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = "반복민원 검토"
        verbose_name_plural = "반복민원 검토"
        constraints = [
            models.UniqueConstraint(fields=["grievance", "candidate"], name="similarity_review_unique")
        ]


class InternalClosureRequest(models.Model):
    """내부종결 (법 제23조): requested by the officer, approved or refused by the department head."""

    class Decision(models.TextChoices):
        PENDING = "pending", "결재 대기"
        APPROVED = "approved", "승인"
        REFUSED = "refused", "반려"

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="closure_requests")
    reason = models.TextField("종결 사유")
    evidence = models.JSONField("판단 근거", default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "내부종결 결재"
        verbose_name_plural = "내부종결 결재"


# --- 처리실태 점검: the complaint team's quarterly inspection of each department's grievance handling ---------

CHECK_ITEMS = [
    ("deadline", "처리기간 준수"),
    ("result", "처리결과 적정"),
    ("followup", "사후관리 적정"),
]


class InspectionRecord(models.Model):
    """One department's result for one quarter: the figures as inspected, the checklist and the letter."""

    year = models.PositiveSmallIntegerField("연도")
    quarter = models.PositiveSmallIntegerField("분기")
    department = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="부서"
    )
    # {"deadline": {"ok": true|false|null, "note": "..."}, "result": {...}, "followup": {...}}
    checklist = models.JSONField("점검 항목", default=dict, blank=True)
    figures = models.JSONField("점검 당시 수치", default=dict, blank=True)
    letter = models.TextField("점검 결과 통보문", blank=True)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "처리실태 점검"
        verbose_name_plural = "처리실태 점검"
        ordering = ["-year", "-quarter", "department__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "department"], name="inspection_quarter_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.quarter}분기 {self.department}"

    @property
    def log_label(self) -> str:
        return str(self)


# --- 만족도 조사: the complainant's rating of an answered grievance ------------------------------------------------


class SatisfactionSurvey(models.Model):
    """One per grievance, given by its complainant on the status page (through the receipt number and PIN) after the
    answer. Nothing about the person is kept; the department is the one that answered, for the quarterly inspection."""

    SATISFIED_FROM = 4  # 4 (만족) and 5 (매우 만족) count as satisfied

    grievance = models.OneToOneField(Grievance, on_delete=models.CASCADE, related_name="survey")
    department = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="처리부서",
    )
    score = models.PositiveSmallIntegerField("만족도")
    comment = models.TextField("의견", blank=True)
    submitted_at = models.DateTimeField("응답일시")

    class Meta:
        verbose_name = "만족도 조사"
        verbose_name_plural = "만족도 조사"
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="satisfaction_score_1_to_5"
            )
        ]
        indexes = [models.Index(fields=["department", "submitted_at"])]

    @property
    def log_label(self) -> str:
        return f"{self.grievance.case_number} 만족도"
