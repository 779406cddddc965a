"""One-time 2FA enrolment codes: an administrator issues one, the staff member types it before the authenticator
app is shown. Only a hash is stored; the code is shown once, expires, and works once."""

from django.conf import settings
from django.db import models


class EnrolmentCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("발급일시", auto_now_add=True)
    expires_at = models.DateTimeField("만료일시")
    used_at = models.DateTimeField("사용일시", null=True, blank=True)

    class Meta:
        verbose_name = "2단계 인증 등록 코드"
        verbose_name_plural = "2단계 인증 등록 코드"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self) -> str:
        return f"등록 코드 ({self.user_id}, {self.created_at:%Y-%m-%d})"
