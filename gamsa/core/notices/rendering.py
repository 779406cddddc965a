"""Filling a notice template: `#{항목}` marks are replaced by the case's values (the marks 카카오 알림톡 uses)."""

from __future__ import annotations

import re

from gamsa.core.notices.models import Kind

MARK = re.compile(r"#\{([^{}\s]{1,20})\}")

COMMON = ["기관명", "접수번호", "제목", "조회주소"]
GRIEVANCE = ["성명", "접수일시", "처리기한", "담당부서", "담당자"]
VARIABLES: dict[str, list[str]] = {
    Kind.RECEIPT: COMMON + GRIEVANCE + ["확인번호"],
    Kind.TRANSFER: COMMON + GRIEVANCE + ["이송기관", "이송사유"],
    Kind.EXTENSION: COMMON + GRIEVANCE + ["종전처리기한", "연장사유"],
    Kind.SUPPLEMENT: COMMON + GRIEVANCE + ["보완내용"],
    Kind.PROGRESS: COMMON + GRIEVANCE + ["통지내용"],
    Kind.ANSWER: COMMON + GRIEVANCE + ["처리결과", "답변내용", "답변일시", "불복안내"],
    Kind.FINDING_ROUTED: COMMON + ["장소", "요청조치", "조치기한", "처리부서", "받는분"],
    Kind.OVERDUE: COMMON + ["처리기한", "지난일수", "받는분"],
}

# Values too secret to rest in the database in clear (the citizen's status PIN): a delivery keeps their marks in its
# stored text and the values sealed (gamsa/core/sealing.py) in its variables; the sender fills them in and the
# value is wiped once sent. A template that does not place such a value gets SECRET_LINES[mark] appended.
SECRET_MARKS = ("확인번호",)
SECRET_LINES = {
    "확인번호": "- 확인번호: #{확인번호} (처리 상황을 조회할 때 필요합니다. 다른 사람에게 알려 주지 마세요.)"
}
SEAL_PURPOSE = "notice-secret"
WIPED = "(발송 후 삭제)"

# Text messages (LMS) hold about 2,000 bytes; a long answer is cut and the reader sent to the status page.
TEXT_LIMIT = 900


def marks(text: str) -> list[str]:
    return MARK.findall(text or "")


def unknown_marks(kind: str, *texts: str) -> list[str]:
    allowed = set(VARIABLES.get(kind, []))
    found: list[str] = []
    for text in texts:
        found += [m for m in marks(text) if m not in allowed and m not in found]
    return found


def render(text: str, values: dict[str, str], keep=()) -> str:
    """`text` with its marks filled from `values`; marks named in `keep` stay as they are (filled at sending)."""

    def fill(m):
        return m.group(0) if m.group(1) in keep else str(values.get(m.group(1), ""))

    return MARK.sub(fill, text or "").strip()


def fill_secrets(text: str, secrets: dict[str, str]) -> str:
    """The stored text with its secret marks filled in, just before it leaves for the provider."""
    for name, value in secrets.items():
        text = text.replace("#{" + name + "}", value)
    return text


def for_text_message(text: str) -> str:
    if len(text) <= TEXT_LIMIT:
        return text
    return text[: TEXT_LIMIT - 40].rstrip() + "\n…(전문은 처리 상황 조회 화면에서 보실 수 있습니다)"


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return "***"
    return f"{digits[:3]}-****-{digits[-4:]}"


def mask_email(address: str) -> str:
    local, _, domain = (address or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"
