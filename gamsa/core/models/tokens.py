"""Personal API tokens for staff. Only a hash is stored; the token is shown once."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("이름", max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("발급일시", auto_now_add=True)
    expires_at = models.DateTimeField("만료일시", null=True, blank=True)
    last_used_at = models.DateTimeField("최근 사용", null=True, blank=True)
    revoked_at = models.DateTimeField("폐기일시", null=True, blank=True)

    class Meta:
        verbose_name = "API 토큰"
        verbose_name_plural = "API 토큰"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
