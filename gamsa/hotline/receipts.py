"""Receipts (접수 암호) of at least 80 bits, in the form the reporter chooses, and their normal form.

- words: 7 Korean words, each an adjective and a noun written together ("푸른고래"), from 64 × 64 = 4,096 words:
  7 × 12 = 84 bits.
- digits: 25 digits in five groups of five: 25 × log2(10) ≈ 83 bits (24 digits would be 79.7, short of 80).

The normal form (what is hashed) is the words joined by one space, or the 25 digits alone, so spaces, hyphens and
line breaks the reporter types are forgiven. Anything else is refused before any hashing.
"""

from __future__ import annotations

import math
import re
import secrets

ADJECTIVES = (
    "푸른 작은 밝은 맑은 고운 깊은 넓은 높은 새 옛 큰 긴 둥근 단단한 부드러운 따뜻한 "
    "시원한 조용한 용감한 착한 빠른 느린 하얀 검은 붉은 노란 파란 초록 은빛 금빛 고요한 푸근한 "
    "기쁜 귀여운 든든한 씩씩한 향긋한 포근한 반짝이는 졸린 배고픈 행복한 신나는 슬기로운 커다란 조그만 "
    "동그란 네모난 세모난 길쭉한 납작한 통통한 날쌘 영리한 다정한 상냥한 수줍은 엉뚱한 재빠른 느긋한 "
    "명랑한 꼼꼼한 말랑한 단정한"
).split()
NOUNS = (
    "고래 사과 나무 바다 하늘 구름 별 달 해 바람 강 산 들 꽃 새 곰 "
    "여우 토끼 사슴 거북 기린 수달 다람쥐 고양이 강아지 참새 제비 까치 두루미 부엉이 펭귄 돌고래 "
    "연필 공책 가방 우산 시계 의자 책상 창문 다리 등대 기차 자전거 풍선 연 피리 북 "
    "감자 고구마 당근 수박 포도 딸기 귤 배 호두 밤 보리 쌀 국수 만두 떡 호박"
).split()
WORD_COUNT = 7
DIGIT_COUNT = 25
WORDS = tuple(a + n for a in ADJECTIVES for n in NOUNS)
_WORD_SET = frozenset(WORDS)
MAX_INPUT = 200  # longer input is refused before any hashing (a denial-of-service guard)


class ReceiptFormatError(ValueError):
    pass


def bits(kind: str) -> float:
    if kind == "digits":
        return DIGIT_COUNT * math.log2(10)
    return WORD_COUNT * math.log2(len(WORDS))


def new_receipt(kind: str = "words") -> str:
    """A fresh receipt for display: words separated by spaces, or digits in groups of five."""
    if kind == "digits":
        digits = "".join(str(secrets.randbelow(10)) for _ in range(DIGIT_COUNT))
        return "-".join(digits[i : i + 5] for i in range(0, DIGIT_COUNT, 5))
    return " ".join(secrets.choice(WORDS) for _ in range(WORD_COUNT))


def normalise(text: str) -> str:
    """The receipt's normal form; ReceiptFormatError when it cannot be one."""
    text = (text or "").strip()
    if not text or len(text) > MAX_INPUT:
        raise ReceiptFormatError
    compact = re.sub(r"[\s\-.]", "", text)
    if compact.isascii() and compact.isdigit():
        if len(compact) != DIGIT_COUNT:
            raise ReceiptFormatError
        return compact
    words = [w for w in re.split(r"[\s\-.,]+", text) if w]
    if len(words) != WORD_COUNT or any(w not in _WORD_SET for w in words):
        raise ReceiptFormatError
    return " ".join(words)
