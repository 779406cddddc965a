"""청렴톡 (the anonymous hotline) and the sealed-identity vault.

Every column that holds what a reporter wrote (answers, messages, file names, results, notes) is a ciphertext
(`*_box`, BinaryField) under the report's own key; file bodies are ciphertext files under MEDIA_ROOT/hotline/.
The report key exists only wrapped: for the reporter under their receipt, for each handler in a ReportKeyGrant.
Identities live in IdentityEnvelope under their own key, which only the vault key opens; the vault key is wrapped
for custodians. Reporter rows keep no address, browser or referrer, and their times are rounded to the hour.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Category(models.Model):
    """A reporting category (갑질, 금품·향응 …) with its questionnaire; an administrator edits both."""

    code = models.SlugField("코드", max_length=40, unique=True)
    name = models.CharField("이름", max_length=60)
    description = models.TextField("설명", blank=True)
    sort_order = models.PositiveSmallIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "청렴톡 신고 분야"
        verbose_name_plural = "청렴톡 신고 분야"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField("질문 코드", max_length=40)
    label = models.CharField("질문", max_length=200)
    help_text = models.CharField("도움말", max_length=300, blank=True)
    required = models.BooleanField("필수", default=False)
    multiline = models.BooleanField("여러 줄", default=True)
    max_length = models.PositiveIntegerField("최대 글자 수", default=4000)
    sort_order = models.PositiveSmallIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "청렴톡 질문"
        verbose_name_plural = "청렴톡 질문"
        ordering = ["category", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="hotline_question_code")]

    def __str__(self) -> str:
        return f"{self.category.code}:{self.code}"


class RetentionRule(models.Model):
    """How long a finished report is kept (per category and final status); then rows and files go."""

    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="비우면 모든 분야",
    )
    status = models.CharField("종결 상태", max_length=20, blank=True, help_text="비우면 모든 종결 상태")
    keep_years = models.PositiveSmallIntegerField("보존 기간(년)", default=3)
    effective_from = models.DateField("시행일")
    basis = models.CharField("근거", max_length=200, blank=True)

    class Meta:
        verbose_name = "청렴톡 보존 기간"
        verbose_name_plural = "청렴톡 보존 기간"
        ordering = ["-effective_from"]


# --- keys of people ----------------------------------------------------------------------------------------------


class Member(models.Model):
    """Who works the hotline, as designated by an administrator (who holds no key)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_member"
    )
    is_intake = models.BooleanField("접수 담당(새 신고 열쇠 받음)", default=False)
    is_handler = models.BooleanField("처리 담당", default=True)
    is_custodian = models.BooleanField("신원 관리자(custodian)", default=False)
    designated_at = models.DateTimeField(auto_now_add=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "청렴톡 담당자"
        verbose_name_plural = "청렴톡 담당자"

    @property
    def log_label(self) -> str:
        return self.user.username


class Keyring(models.Model):
    """A staff member's key pair; the private key opens only with their hotline passphrase (or a recovery path)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_keyring"
    )
    public_key = models.BinaryField()
    private_box = models.BinaryField()
    salt = models.BinaryField()
    kdf = models.CharField(max_length=60)
    recovery_box = models.BinaryField(null=True)  # under the printed recovery code
    recovery_salt = models.BinaryField(null=True)
    escrow_box = models.BinaryField(null=True)  # sealed to the office escrow key
    created_at = models.DateTimeField(auto_now_add=True)
    generation = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "청렴톡 열쇠"
        verbose_name_plural = "청렴톡 열쇠"

    @property
    def log_label(self) -> str:
        return self.user.username


class EscrowKey(models.Model):
    """The office escrow key pair: the private key exists only as two halves, each sealed to one holder
    (the office head and the information security officer). Recovery needs both, together."""

    public_key = models.BinaryField()
    holder_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    share_a = models.BinaryField()
    holder_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    share_b = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "청렴톡 복구 열쇠(분할 보관)"
        verbose_name_plural = "청렴톡 복구 열쇠(분할 보관)"


class RecoveryRequest(models.Model):
    """A key recovery through the escrow, with two-person control (ADR 0023, "Recovery").

    The person who lost both passphrase and recovery code asks, choosing a new passphrase: it protects a temporary
    key pair (new_public / new_private_box). Each escrow holder approves in their own session with their own key:
    the first seals their half of the escrow key to the other holder (share_box); the second joins both halves in
    memory, opens the person's escrowed private key and seals it to the temporary public key (result_box). The
    person then unlocks with the new passphrase. Each step is an event; the boxes are wiped when it ends."""

    class Status(models.TextChoices):
        PENDING = "pending", "승인 대기"
        READY = "ready", "복구 준비됨"
        DONE = "done", "복구됨"
        CANCELLED = "cancelled", "취소"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    escrow = models.ForeignKey(EscrowKey, on_delete=models.CASCADE, related_name="recoveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    new_public = models.BinaryField()
    new_private_box = models.BinaryField(null=True)
    salt = models.BinaryField()
    kdf = models.CharField(max_length=60)
    share_box = models.BinaryField(null=True)
    first_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    first_at = models.DateTimeField(null=True)
    second_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    second_at = models.DateTimeField(null=True)
    result_box = models.BinaryField(null=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "청렴톡 열쇠 복구 요청"
        verbose_name_plural = "청렴톡 열쇠 복구 요청"
        ordering = ["-created_at"]

    @property
    def log_label(self) -> str:
        return f"열쇠 복구 {self.user.username}"


class VaultKey(models.Model):
    """The custodians' key: opens every sealed identity's key. Wrapped per custodian (VaultKeyWrap), for the
    escrow, and, until the first custodian claims it, under a key derived from the pepper (bootstrap)."""

    public_key = models.BinaryField()
    bootstrap_box = models.BinaryField(null=True)
    escrow_box = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "신원 금고 열쇠"
        verbose_name_plural = "신원 금고 열쇠"


class VaultKeyWrap(models.Model):
    vault = models.ForeignKey(VaultKey, on_delete=models.CASCADE, related_name="wraps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vault", "user"], name="hotline_vault_wrap_once")]


# --- the identity vault ------------------------------------------------------------------------------------------


class IdentityEnvelope(models.Model):
    """A sealed identity (name, phone, e-mail, address) of a hotline reporter or a 공익신고자."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=60)
    sealed_key = models.BinaryField()  # the identity key, sealed to the vault key
    box = models.BinaryField()
    tags = models.JSONField(
        default=list
    )  # keyed hashes (pepper) of the name and phone, to refuse them in texts
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "봉인된 신원"
        verbose_name_plural = "봉인된 신원"
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id"], name="hotline_envelope_subject")
        ]

    def __str__(self) -> str:
        return "봉인된 신원"

    @property
    def log_label(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"


class IdentityRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "승인 대기"
        APPROVED = "approved", "승인"
        DENIED = "denied", "거절"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    envelope = models.ForeignKey(IdentityEnvelope, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("열람 사유", max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class IdentityGrant(models.Model):
    """The identity key sealed to one named person, on a custodian's approval, until `expires_at`."""

    envelope = models.ForeignKey(IdentityEnvelope, on_delete=models.CASCADE, related_name="grants")
    grantee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed_key = models.BinaryField()
    request = models.ForeignKey(IdentityRequest, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-approved_at"]


# --- reports ----------------------------------------------------------------------------------------------------


class Report(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "접수"
        IN_PROGRESS = "in_progress", "처리 중"
        CLOSED = "closed", "종결"
        CONVERTED = "converted", "조사 사건으로 전환"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("신고번호", max_length=20, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField("접수일시(시 단위)")
    ack_due_at = models.DateTimeField("접수 확인 기한")
    acknowledged_at = models.DateTimeField(null=True)
    feedback_due_at = models.DateTimeField("결과 안내 기한")
    feedback_extended = models.BooleanField(default=False)
    extension_box = models.BinaryField(null=True)  # the recorded justification, encrypted
    first_feedback_at = models.DateTimeField(null=True)
    closed_at = models.DateTimeField(null=True)
    result_box = models.BinaryField(null=True)
    retain_until = models.DateTimeField(null=True)
    legal_hold = models.BooleanField("보존 명령(삭제 정지)", default=False)
    lookup = models.BinaryField(unique=True)
    reporter_box = models.BinaryField()  # the report key sealed to the reporter's key pair (from the receipt)
    reporter_kdf = models.CharField(max_length=60)
    # The reporter's public key (derived from the receipt); empty for reports made before it existed, whose
    # reporter_box is then under the receipt's key itself, and after a re-keying the new key waits in the bridge.
    reporter_public = models.BinaryField(null=True)
    reporter_bridge = models.BinaryField(null=True)
    answers_box = models.BinaryField()
    has_identity = models.BooleanField(default=False)

    class Meta:
        verbose_name = "청렴톡 신고"
        verbose_name_plural = "청렴톡 신고"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "received_at"]), models.Index(fields=["retain_until"])]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number


class ReportKeyGrant(models.Model):
    """The report key sealed to one staff member: no grant, no decryption, whatever the role."""

    class Kind(models.TextChoices):
        INTAKE = "intake", "접수"
        HANDLER = "handler", "처리 담당"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sealed_key = models.BinaryField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="hotline_grant_once")]


class Message(models.Model):
    class Author(models.TextChoices):
        REPORTER = "reporter", "신고자"
        OFFICE = "office", "감사담당관"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=20, choices=Author.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    internal = models.BooleanField(default=False)  # an internal note: the reporter never sees it
    box = models.BinaryField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]  # the order written (reporter times are rounded to the hour)


class Attachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    from_reporter = models.BooleanField(default=True)
    name_box = models.BinaryField()
    key_box = models.BinaryField()  # the file key under the report key
    path = models.CharField(max_length=200)  # relative to MEDIA_ROOT; a random name
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class Recusal(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="recusals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason_box = models.BinaryField()
    at = models.DateTimeField()


class HandOver(models.Model):
    """A report converted into an investigation case: the record the investigations side picks up.
    The identity is never copied; the receiving investigator gets the report key, not the identity key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="hand_over")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note_box = models.BinaryField()
    investigation_reference = models.CharField("조사 사건번호", max_length=40, blank=True)
    identity_included = models.BooleanField(default=False)
    created_at = models.DateTimeField()


class Tombstone(models.Model):
    """What remains of a deleted report, for statistics only: no content, no key."""

    case_number = models.CharField(max_length=20, unique=True)
    category_code = models.CharField(max_length=40)
    received_month = models.DateField()
    closed_month = models.DateField(null=True)
    final_status = models.CharField(max_length=20)
    ack_kept = models.BooleanField(null=True)
    feedback_kept = models.BooleanField(null=True)
    deleted_at = models.DateTimeField()


# --- abuse control without addresses ------------------------------------------------------------------------------


class Budget(models.Model):
    """A global counter per bucket and time window (no address, no browser: everyone shares it)."""

    bucket = models.CharField(max_length=40)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="hotline_budget_window")
        ]


class SpentChallenge(models.Model):
    """A proof-of-work challenge already used (its digest), kept until it would have expired anyway."""

    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)
