"""Misconduct investigations (조사): cases, subject officials, allegations with their 징계시효, and the sealed file.

A case is sealed: only its assigned investigators, the investigation team leader and the office head open it
(permissions.py). Subjects' names and statements never go into the event log; the access log names the case by
its number only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.core.models import Grade


class Ground(models.TextChoices):
    """징계시효 ground of 지방공무원법 제73조의2① (the years are in core's calendar)."""

    GENERAL = "general", "일반 (3년)"
    PROPERTY = "property", "금품·향응·횡령 등 (5년)"
    SEXUAL = "sexual", "성비위 (10년)"


class AllegationType(models.Model):
    """An allegation type and the 징계시효 ground it falls under: data, editable by an administrator."""

    code = models.SlugField("코드", max_length=30, unique=True)
    label = models.CharField("비위 유형", max_length=60)
    ground = models.CharField("징계시효 구분", max_length=10, choices=Ground.choices)
    sort_order = models.PositiveSmallIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)
    effective_from = models.DateField("적용 시작일", null=True, blank=True)

    class Meta:
        verbose_name = "비위 유형"
        verbose_name_plural = "비위 유형"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label


class Source(models.TextChoices):
    EXTERNAL = "external", "외부기관 통보"
    PUBLIC_INTEREST = "public_interest", "공익신고"
    INTERNAL = "internal", "내부 인지"
    GRIEVANCE = "grievance", "민원"
    HOTLINE = "hotline", "청렴톡"


class ExternalBody(models.TextChoices):
    POLICE = "police", "경찰"
    PROSECUTION = "prosecution", "검찰"
    BAI = "bai", "감사원"
    ACRC = "acrc", "국민권익위원회"
    SEOUL = "seoul", "서울시"
    OTHER = "other", "타 기관"


class Status(models.TextChoices):
    RECEIVED = "received", "접수"
    ASSIGNED = "assigned", "배정"
    INVESTIGATING = "investigating", "조사 중"
    REPORTED = "reported", "결과 보고"
    ACTION = "action", "조치"
    DISCIPLINE = "discipline", "징계 진행"
    CLOSED = "closed", "종결"


OPEN_STATUSES = [s for s in Status.values if s != Status.CLOSED]


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("사건번호", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(editable=False)
    title = models.CharField("사건명", max_length=120)
    summary = models.TextField("비위 개요")
    source = models.CharField("사건 출처", max_length=20, choices=Source.choices)
    external_body = models.CharField("통보 기관", max_length=20, choices=ExternalBody.choices, blank=True)
    external_body_name = models.CharField("통보 기관명", max_length=60, blank=True)
    document_number = models.CharField("통보 문서번호", max_length=60, blank=True)
    document_date = models.DateField("통보일", null=True, blank=True)
    # Linked by reference only: the report's reporter identity stays sealed in complaints.
    public_interest_report = models.ForeignKey(
        "complaints.PublicInterestReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="공익신고",
    )
    grievance = models.ForeignKey(
        "complaints.Grievance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="민원",
    )
    # A case converted from a 청렴톡 report (hotline services.convert): linked by reference only; the report's
    # content and the reporter's identity stay sealed in the hotline. Emptied if the report is deleted (retention).
    hotline_report = models.ForeignKey(
        "hotline.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="청렴톡 신고",
    )
    received_on = models.DateField("접수일")
    status = models.CharField("진행 상태", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    investigation_started_on = models.DateField("조사 개시일", null=True, blank=True)
    investigation_ended_on = models.DateField("조사 종료일", null=True, blank=True)
    report_text = models.TextField("조사 결과 보고", blank=True)
    reported_on = models.DateField("결과 보고일", null=True, blank=True)
    closed_on = models.DateField("종결일", null=True, blank=True)
    # 지방공무원법 제73조: 감사원 조사 or 수사 on the same facts (start/end notices recorded).
    blocking_body = models.CharField("조사·수사 기관", max_length=20, blank=True)
    block_started_on = models.DateField("조사·수사 개시 통보일", null=True, blank=True)
    block_ended_on = models.DateField("조사·수사 종료 통보일", null=True, blank=True)
    # Denormalised: the nearest 징계시효 among the case's open allegations (for the sorted open-case list).
    nearest_expiry = models.DateField("가장 가까운 징계시효", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "조사 사건"
        verbose_name_plural = "조사 사건"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "nearest_expiry"], name="inv_case_open_expiry"),
            # The open-case board (selectors.open_cases): open cases only, already in the board's order, so a
            # page is read off the index instead of sorting every open case. Written "not closed" (the same
            # rows as "status in OPEN_STATUSES"): SQLite matches a bound parameter against the index's condition
            # only in a plain comparison, not inside an IN list, and the query must say it the same way. On
            # PostgreSQL it also carries the board's columns (INCLUDE), so even the last page is an index-only
            # scan (SQLite ignores `include`).
            models.Index(
                fields=["nearest_expiry", "id"],
                include=["case_number", "title", "source", "status", "received_on"],
                condition=~models.Q(status="closed"),
                name="inv_case_open_nearest",
            ),
            models.Index(fields=["year", "source"], name="inv_case_year_source"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def office_investigating(self) -> bool:
        """공공감사법 제24조: while the office investigates, discipline on the same facts waits."""
        return self.status in (Status.ASSIGNED, Status.INVESTIGATING)

    @property
    def proceedings_blocked(self) -> bool:
        return self.office_investigating or bool(self.block_started_on and not self.block_ended_on)


class Assignment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    investigator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lead = models.BooleanField("주 조사관", default=False)
    assigned_on = models.DateField("배정일")
    ended_on = models.DateField("배정 해제일", null=True, blank=True)

    class Meta:
        verbose_name = "조사관 배정"
        verbose_name_plural = "조사관 배정"
        indexes = [models.Index(fields=["investigator", "ended_on"], name="inv_assign_user")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "investigator"],
                condition=models.Q(ended_on__isnull=True),
                name="inv_assign_once",
            )
        ]


class Action(models.TextChoices):
    HEAVY = "heavy", "중징계 요구"
    LIGHT = "light", "경징계 요구"
    ADMONITION = "admonition", "훈계"
    CAUTION = "caution", "주의"
    NO_FAULT = "no_fault", "불문"
    CLOSE = "close", "종결"
    TRANSFER = "transfer", "타 기관 이첩"


DISCIPLINE_ACTIONS = (Action.HEAVY, Action.LIGHT)


class Penalty(models.TextChoices):
    DISMISSAL = "dismissal", "파면"
    REMOVAL = "removal", "해임"
    DEMOTION = "demotion", "강등"
    SUSPENSION = "suspension", "정직"
    PAY_CUT = "pay_cut", "감봉"
    REPRIMAND = "reprimand", "견책"
    NONE = "none", "불문(징계 않음)"


class Committee(models.TextChoices):
    DISTRICT = "district", "구 인사위원회"
    SEOUL = "seoul", "서울특별시 인사위원회"


class Subject(models.Model):
    """An official the case is about, as they were at the time of the act. Outcomes are per subject."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("성명", max_length=50)
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="소속")
    grade = models.CharField("직급", max_length=5, choices=Grade.choices)
    position = models.CharField("직위", max_length=50, blank=True)
    finding = models.TextField("조사 결과(대상자별)", blank=True)
    action = models.CharField("조치", max_length=20, choices=Action.choices, blank=True)
    action_on = models.DateField("조치일", null=True, blank=True)
    transferred_to = models.CharField("이첩 기관", max_length=60, blank=True)
    committee = models.CharField("인사위원회", max_length=10, choices=Committee.choices, blank=True)
    discipline_requested_on = models.DateField("징계의결 요구일", null=True, blank=True)
    decision = models.CharField("징계의결", max_length=20, choices=Penalty.choices, blank=True)
    decided_on = models.DateField("의결 통보 수령일", null=True, blank=True)
    disposition_due_on = models.DateField("징계처분 기한(15일)", null=True, blank=True)
    disposed_on = models.DateField("징계처분일", null=True, blank=True)
    start_notice_on = models.DateField("조사 개시 통보일(소속 기관)", null=True, blank=True)
    end_notice_on = models.DateField("조사 종료 통보일(소속 기관)", null=True, blank=True)

    class Meta:
        verbose_name = "조사 대상자"
        verbose_name_plural = "조사 대상자"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case.case_number} 대상자"

    @property
    def log_label(self) -> str:
        return f"{self.case.case_number} 대상자"


class Allegation(models.Model):
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="allegations")
    allegation_type = models.ForeignKey(AllegationType, on_delete=models.PROTECT, verbose_name="비위 유형")
    ground = models.CharField("징계시효 구분", max_length=10, choices=Ground.choices)
    act_date = models.DateField("행위일")
    description = models.CharField("내용", max_length=200, blank=True)
    expires_on = models.DateField("징계시효 만료일")
    basis = models.CharField("근거", max_length=200, blank=True)

    class Meta:
        verbose_name = "비위 사실"
        verbose_name_plural = "비위 사실"
        ordering = ["expires_on", "id"]
        indexes = [models.Index(fields=["expires_on"], name="inv_alleg_expires")]


class Statement(models.Model):
    """문답·진술: the most sensitive part of the file, sealed to the case key (casefile.py); every opening is
    logged."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    subject = models.ForeignKey(Subject, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    taken_on = models.DateField("진술일")
    kind = models.CharField("구분", max_length=20, default="문답서")
    deponent_role = models.CharField("진술인 구분", max_length=30, default="대상자")
    text_box = models.BinaryField(null=True)  # the text, sealed to the case key
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "진술"
        verbose_name_plural = "진술"
        ordering = ["taken_on", "id"]

    @property
    def log_label(self) -> str:
        return f"{self.case.case_number} 진술"


class DiaryEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="diary")
    on = models.DateField("일자")
    text = models.TextField("내용")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "조사 일지"
        verbose_name_plural = "조사 일지"
        ordering = ["on", "id"]


# --- the sealed case file (casefile.py; ADR 0023, ADR 0025) ------------------------------------------------------


class CaseKey(models.Model):
    """A case's X25519 key pair. Statements and evidence are sealed to the public half (writing needs no secret);
    the private half exists only sealed to each person who may open the case (CaseKeyGrant) and, while nobody
    allowed had a staff key yet (the data migration), under a key derived from the pepper (bootstrap)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="key")
    public_key = models.BinaryField()
    bootstrap_box = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)


class CaseKeyGrant(models.Model):
    """The case's private key sealed to one person's staff key (hotline Keyring): no grant, no case file."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="key_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed_key = models.BinaryField()
    # The staff public key it was sealed to: a person who starts over with a new key gets the grant sealed again.
    public_key = models.BinaryField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="inv_case_key_grant_once")]


class EvidenceFile(models.Model):
    """An evidence file: checked by content (core.filecheck), then its body encrypted in chunks under its own key,
    which is sealed to the case key with the file's name. Downloaded only through the case's rule."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    name_box = models.BinaryField()
    key_box = models.BinaryField()
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    path = models.CharField(max_length=200)  # relative to MEDIA_ROOT; a random name
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = "증거 파일"
        verbose_name_plural = "증거 파일"
        ordering = ["uploaded_at", "id"]

    @property
    def log_label(self) -> str:
        return f"{self.case.case_number} 증거 파일"


# --- misconduct-case bulletins (비위 사례 공유): a concept package of its own (ADR 0027), registered here ----------

from gamsa.investigations.bulletins.models import (  # noqa: E402, F401
    Bulletin,
    BulletinItem,
    ItemKind,
    MisconductItem,
    Tag,
    TrendReport,
)
