"""Shared input checks. 주민등록번호 must never be stored: text that contains one is refused."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

RRN = re.compile(r"(?<!\d)(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s?-?\s?([1-8])(\d{6})(?!\d)")


def contains_rrn(text: str) -> bool:
    """Whether `text` holds something shaped like a resident registration number (with or without the hyphen)."""
    for match in RRN.finditer(text or ""):
        digits = "".join(match.groups())
        if len(digits) == 13:
            return True
    return False


def reject_rrn(value: str) -> None:
    if contains_rrn(value):
        raise ValidationError(
            "주민등록번호로 보이는 숫자가 있습니다. 주민등록번호는 입력하거나 저장할 수 없으니 지우고 다시 제출하세요.",
            code="rrn",
        )
