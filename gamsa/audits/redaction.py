"""Masking personal data in published results (공공감사법 제26조; 정보공개법 제9조①제6호)."""

from __future__ import annotations

import re

from gamsa.core.logfilters import mask

MASK = "○"
TITLES = "주무관|팀장|과장|국장|동장|소장|센터장|원장|담당|계장|씨|님"
# A Korean name (2–4 syllables) directly before or after a title: "주무관 홍길동", "홍길동 팀장".
# Over-masking is the safe side: a particle after a name may be masked too. Unit names (…과, …국) are kept.
_BEFORE_TITLE = re.compile(rf"(?<![가-힣])([가-힣]{{1,3}}[가-힣](?<![과국팀실]))(\s?)({TITLES})")
_AFTER_TITLE = re.compile(rf"({TITLES})(\s)([가-힣]{{2,3}})")


def mask_name(name: str) -> str:
    """'홍길동' → '홍○○'; keeps the surname only."""
    name = name.strip()
    return name[:1] + MASK * (len(name) - 1) if name else ""


def person_names(field: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,·/]", field or "") if part.strip()]


def redact(text: str, names: list[str] = ()) -> str:
    """Mask the given names, names next to a title, and phone numbers, e-mail addresses and resident numbers."""
    out = text or ""
    for name in sorted(names, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    out = _BEFORE_TITLE.sub(lambda m: mask_name(m.group(1)) + m.group(2) + m.group(3), out)
    out = _AFTER_TITLE.sub(lambda m: m.group(1) + m.group(2) + mask_name(m.group(3)), out)
    return mask(out, "***-****-****")


def redacted_finding(finding) -> dict:
    names = person_names(finding.responsible_person)
    return {
        "title": redact(finding.title, names),
        "condition": redact(finding.condition, names),
        "criteria": redact(finding.criteria, names),
        "unit": finding.unit.name,
        "responsible": ", ".join(mask_name(n) for n in names),
        "dispositions": [
            {
                "kind": d.get_kind_display(),
                "demand": redact(d.demand, names),
                "amount_recover": d.amount_recover,
                "amount_reduce": d.amount_reduce,
            }
            for d in finding.dispositions.all()
        ],
    }
