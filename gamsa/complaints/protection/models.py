"""Staff protection against abusive complaints (법 제4조, 영 제4조) and the log of outside expert advice."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Measure(models.TextChoices):
    """The measures of 영 제4조①, with their item numbers."""

    SAFETY_EQUIPMENT = "safety_equipment", "1. 안전장비·안전요원 배치"
    RECORDING = "recording", "2. 휴대용 영상음성기록장비·녹음전화 사용"
    REMOVAL = "removal", "3. 퇴거·일시 출입 제한"
    SEPARATION = "separation", "4. 담당자 분리·업무 일시 중단"
    TREATMENT = "treatment", "5. 치료·상담 지원"
    CRIMINAL_COMPLAINT = "criminal_complaint", "5의2. 고발"
    LEGAL_SUPPORT = "legal_support", "5의3. 담당자 고소 행정지원"
    LITIGATION_EVIDENCE = "litigation_evidence", "6. 소송 증거자료 지원"
    CALL_TIME = "call_time", "7. 권장 통화·면담 시간 안내"
    END_CALL = "end_call", "8. 통화·면담 종료(사유 고지 후)"
    REST = "rest", "휴게시간 부여(구 방침)"


class AbuseIncident(models.Model):
    class Kind(models.TextChoices):
        VERBAL_ABUSE = "verbal_abuse", "폭언·욕설"
        THREAT = "threat", "협박"
        VIOLENCE = "violence", "폭행"
        SEXUAL_HARASSMENT = "sexual_harassment", "성희롱"
        LONG_CALL = "long_call", "장시간 통화·면담"
        OBSTRUCTION = "obstruction", "업무방해"
        REPEATED = "repeated", "정당한 사유 없는 반복민원"

    complainant = models.ForeignKey(
        "complaints.Complainant", on_delete=models.PROTECT, related_name="incidents"
    )
    grievance = models.ForeignKey(
        "complaints.Grievance", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField("발생일시")
    kind = models.CharField("유형", max_length=30, choices=Kind.choices)
    description = models.TextField("경위")
    duration_minutes = models.PositiveIntegerField("통화·면담 시간(분)", null=True, blank=True)
    measures = models.JSONField("조치", default=list)  # list of Measure values
    staff_affected = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "특이민원 발생 기록"
        verbose_name_plural = "특이민원 발생 기록"
        ordering = ["-occurred_at"]


class ProtectionRequest(models.Model):
    """A handler's request for protection (법 제4조③); no disadvantage may follow it (④)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "요청"
        GRANTED = "granted", "조치 완료"
        DECLINED = "declined", "조치 불필요"

    incident = models.ForeignKey(
        AbuseIncident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    measures_requested = models.JSONField(default=list)
    details = models.TextField("요청 내용")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    response = models.TextField("조치 내용", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "민원 담당자 보호 요청"
        verbose_name_plural = "민원 담당자 보호 요청"


class ExpertConsultation(models.Model):
    class Expert(models.TextChoices):
        LAWYER = "lawyer", "변호사"
        LABOUR_ATTORNEY = "labour_attorney", "노무사"
        OTHER = "other", "기타 전문가"

    grievance = models.ForeignKey(
        "complaints.Grievance", on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )
    expert_kind = models.CharField("전문가", max_length=20, choices=Expert.choices)
    expert_name = models.CharField("자문위원", max_length=60)
    consulted_on = models.DateField("자문일")
    question = models.TextField("자문 요청 내용")
    advice = models.TextField("자문 결과")
    fee = models.PositiveIntegerField("자문료(원)", default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "외부 전문가 자문"
        verbose_name_plural = "외부 전문가 자문"
        ordering = ["-consulted_on"]
