"""Open311 partners' API keys (hashed) and the attribute definitions of each service (field-complaint item)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ApiKey(models.Model):
    """A partner's key for POST requests. Only a SHA-256 hash is stored; the key is shown once when issued.

    A key linked to a user who has a Guardian profile (내 지역 지킴이) files guardian reports (findings)
    instead of field complaints.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("이름", max_length=100)
    prefix = models.CharField("앞자리", max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="open311_keys",
        verbose_name="연결된 사용자",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("발급일시", auto_now_add=True)
    last_used_at = models.DateTimeField("최근 사용", null=True, blank=True)
    revoked_at = models.DateTimeField("폐기일시", null=True, blank=True)

    class Meta:
        verbose_name = "Open311 API 키"
        verbose_name_plural = "Open311 API 키"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def log_label(self) -> str:
        return f"Open311 키 {self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Datatype(models.TextChoices):
    STRING = "string", "한 줄 글"
    NUMBER = "number", "숫자"
    DATETIME = "datetime", "일시"
    TEXT = "text", "여러 줄 글"
    SINGLEVALUELIST = "singlevaluelist", "하나 고르기"
    MULTIVALUELIST = "multivaluelist", "여러 개 고르기"


LIST_DATATYPES = (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST)


class ServiceAttribute(models.Model):
    """One attribute of a service definition (GeoReport v2 `attributes[]`), editable data per item."""

    item = models.ForeignKey(
        "patrols.FieldItem",
        on_delete=models.CASCADE,
        related_name="open311_attributes",
        verbose_name="세부항목",
    )
    code = models.SlugField("코드", max_length=40)
    variable = models.BooleanField("입력 항목", default=True, help_text="끄면 안내 문구로만 보입니다.")
    datatype = models.CharField("형식", max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    required = models.BooleanField("필수", default=False)
    datatype_description = models.CharField("입력 도움말", max_length=200, blank=True)
    order = models.PositiveIntegerField("순서", default=1)
    description = models.CharField("질문", max_length=300)
    values = models.JSONField(
        "선택지", default=list, blank=True, help_text='목록 형식일 때만: [{"key": "a", "name": "가"}, …]'
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Open311 입력 항목"
        verbose_name_plural = "Open311 입력 항목"
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "code"], name="open311_attribute_unique_code"),
            models.UniqueConstraint(fields=["item", "order"], name="open311_attribute_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.item.name} · {self.description}"

    @property
    def value_keys(self) -> list[str]:
        return [str(v.get("key")) for v in self.values or [] if isinstance(v, dict)]
