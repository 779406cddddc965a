"""청렴공한문: the letter template (versioned data, the office's 공문서 layout), the retention rule (versioned data),
and each mail merge (a batch of recipients from one XLSX, its PDF/HWPX and e-mails). Recipients are personal data:
read through the access log and deleted when the batch's retention ends (the batch keeps only its counts)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

PLACEHOLDERS = ("성명", "업무구분", "처리부서", "처리일")


class LetterTemplate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField("판", unique=True)
    effective_from = models.DateField("시행일")
    agency_name = models.CharField("행정기관명 (두문)", max_length=60, default="영등포구")
    title = models.CharField("제목", max_length=200)
    body = models.TextField(
        "본문",
        help_text="{성명}, {업무구분}, {처리부서}, {처리일}을 쓰면 받는 사람마다 채웁니다. 문단은 빈 줄로 나눕니다.",
    )
    sender_title = models.CharField("발신명의", max_length=60, default="영등포구청장")
    head_name = models.CharField("기관장 성명", max_length=30)
    drafter = models.CharField("기안자", max_length=60, blank=True)
    reviewer = models.CharField("검토자", max_length=60, blank=True)
    approver = models.CharField("결재권자", max_length=60, blank=True)
    document_number = models.CharField("시행 문서번호", max_length=60, blank=True)
    postal_code = models.CharField("우편번호", max_length=10, blank=True)
    address = models.CharField("주소", max_length=200, blank=True)
    homepage = models.CharField("홈페이지", max_length=100, blank=True)
    phone = models.CharField("전화", max_length=30, blank=True)
    fax = models.CharField("전송", max_length=30, blank=True)
    email = models.CharField("공식 전자우편", max_length=100, blank=True)
    disclosure = models.CharField("공개 구분", max_length=30, default="대국민 공개")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴공한문 서식"
        verbose_name_plural = "청렴공한문 서식"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"청렴공한문 서식 제{self.version}판 ({self.effective_from:%Y. %-m. %-d.} 시행)"

    @property
    def log_label(self) -> str:
        return f"청렴공한문 서식 제{self.version}판"


class LetterPolicy(models.Model):
    """How long recipients' personal data is kept after a merge (default 365 days). Versioned by effective date."""

    effective_from = models.DateField("시행일", unique=True)
    retention_days = models.PositiveIntegerField("보존기간(일)", default=365)
    note = models.CharField("근거·비고", max_length=200, blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴공한문 개인정보 보존기간"
        verbose_name_plural = "청렴공한문 개인정보 보존기간"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.retention_days}일 ({self.effective_from:%Y. %-m. %-d.}부터)"


class BatchStatus(models.TextChoices):
    LOADED = "loaded", "명단 등록"
    PRODUCING = "producing", "만드는 중"
    PRODUCED = "produced", "완료"
    FAILED = "failed", "실패"
    PURGED = "purged", "개인정보 삭제됨"


class Batch(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField("번호", max_length=20, unique=True)
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="batches")
    source_name = models.CharField("명단 파일", max_length=200, blank=True)
    status = models.CharField("상태", max_length=20, choices=BatchStatus.choices, default=BatchStatus.LOADED)
    recipient_count = models.PositiveIntegerField("받는 사람 수", default=0)
    email_count = models.PositiveIntegerField("전자우편 대상", default=0)
    emailed_count = models.PositiveIntegerField("전자우편 발송", default=0)
    email_failed_count = models.PositiveIntegerField("전자우편 실패", default=0)
    send_email = models.BooleanField("전자우편 발송", default=True)
    import_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    produce_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pdf = models.ForeignKey(
        "core.Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hwpx = models.ForeignKey(
        "core.Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("등록일시")
    produced_at = models.DateTimeField("완료일시", null=True, blank=True)
    purge_after = models.DateField("개인정보 삭제 예정일")
    purged_at = models.DateTimeField("개인정보 삭제일시", null=True, blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴공한문 발송"
        verbose_name_plural = "청렴공한문 발송"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["purge_after", "purged_at"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"청렴공한문 {self.number}"

    @property
    def case_number(self) -> str:
        return self.number

    @property
    def log_label(self) -> str:
        return f"청렴공한문 {self.number} ({self.recipient_count:,}명)"


class Recipient(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveIntegerField("순서")  # the file's order
    name = models.CharField("성명", max_length=50)
    address = models.CharField("주소", max_length=200)
    postal_code = models.CharField("우편번호", max_length=10)
    business_type = models.CharField("업무 구분", max_length=100)
    handling_unit = models.CharField("처리 부서", max_length=100)
    handled_on = models.DateField("처리일")
    email = models.CharField("전자우편", max_length=254, blank=True)
    emailed_at = models.DateTimeField("발송일시", null=True, blank=True)
    email_error = models.CharField("발송 오류", max_length=200, blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴공한문 받는 사람"
        verbose_name_plural = "청렴공한문 받는 사람"
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="recipient_position")]
