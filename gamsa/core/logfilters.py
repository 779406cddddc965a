"""Keep personal data out of the application log: mask phone numbers, e-mail addresses and resident numbers."""

from __future__ import annotations

import logging
import re

# Digits-only lookarounds rather than \b: Korean syllables count as word characters ("010-1234-5678로").
PATTERNS = [
    (re.compile(r"(?<!\d)\d{6}\s*-\s*[1-8]\d{6}(?!\d)"), "[주민번호]"),  # 주민등록번호 / 외국인등록번호
    (re.compile(r"(?<!\d)01[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)"), "[전화]"),  # mobile
    (re.compile(r"(?<!\d)0\d{1,2}[-.)\s]\s?\d{3,4}[-.\s]\d{4}(?!\d)"), "[전화]"),  # landline
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[이메일]"),
]


def mask(text: str, replacement: str | None = None) -> str:
    """Resident numbers, phone numbers and e-mail addresses replaced by their label (or by `replacement`).
    The one place these patterns live: the log filter, Open311 output and published audit results use it."""
    for pattern, label in PATTERNS:
        text = pattern.sub(replacement or label, text)
    return text


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
