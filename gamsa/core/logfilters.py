"""Keep personal data out of the application log: mask phone numbers, e-mail addresses and resident numbers."""

from __future__ import annotations

import logging
import re

PATTERNS = [
    (re.compile(r"\b\d{6}\s?-\s?[1-8]\d{6}\b"), "[주민번호]"),
    (re.compile(r"\b01[016789][-\s.]?\d{3,4}[-\s.]?\d{4}\b"), "[전화]"),
    (re.compile(r"\b0\d{1,2}[-\s.]\d{3,4}[-\s.]\d{4}\b"), "[전화]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[이메일]"),
]


def mask(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
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
