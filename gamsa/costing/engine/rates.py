"""Rate entries and the table that picks the one in force on a date. Plain Python: no Django here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

# What kind of check a rate entry is for.
LEGAL = "legal"  # 법정요율: the allowed rate is the table's rate (cut above, under-provided below)
CAP = "cap"  # 상한: allowed rate = min(stated, cap)
REFERENCE = (
    "reference"  # 분석률·기준율: cut above when the district activated a table; else accepted as stated
)

KINDS = {LEGAL: "법정요율", CAP: "상한율", REFERENCE: "기준율(분석률)"}
CONFIDENCE = {"A": "A (법령 원문)", "B": "B (공식 자료를 확인한 2차 자료)", "C": "C (검증 전 자료)"}


@dataclass(frozen=True)
class RateEntry:
    """One rate (or cap) with its base, the date it takes effect and where it comes from.

    `variant` narrows an entry to a work type (건축, 토목, …) or a service type; `band_min`/`band_max` to a range of
    a number the line defines (the employment grade, the 산업안전보건관리비 대상액, the 직접공사비);
    `duration_min`/`duration_max` to a range of the duration in days. Bounds: min inclusive, max exclusive.
    """

    key: str
    check: str
    rate: Decimal
    effective_from: dt.date
    base: str
    source: str
    confidence: str
    base_amount: int = 0
    sheet_kind: str = ""
    variant: str = ""
    band_min: int | None = None
    band_max: int | None = None
    duration_min: int | None = None
    duration_max: int | None = None
    note: str = ""
    ident: str = field(default="", compare=False)

    def applies(self, *, sheet_kind: str, variant: str, band: int | None, duration: int | None) -> bool:
        if self.sheet_kind and self.sheet_kind != sheet_kind:
            return False
        if self.variant and self.variant != variant:
            return False
        if self.band_min is not None and (band is None or band < self.band_min):
            return False
        if self.band_max is not None and (band is None or band >= self.band_max):
            return False
        if self.duration_min is not None and (duration is None or duration < self.duration_min):
            return False
        return not (self.duration_max is not None and (duration is None or duration >= self.duration_max))


class RateTable:
    """Active rate entries. `lookup` returns the entry in force on a date: the newest `effective_from` on or before
    it among the entries that apply (the date decides, never the newest table)."""

    def __init__(self, entries=()):
        self._by_key: dict[str, list[RateEntry]] = defaultdict(list)
        for entry in entries:
            self._by_key[entry.key].append(entry)
        for items in self._by_key.values():
            items.sort(key=lambda e: e.effective_from, reverse=True)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def has_key(self, key: str) -> bool:
        return bool(self._by_key.get(key))

    def lookup(
        self,
        key: str,
        on: dt.date,
        *,
        sheet_kind: str = "works",
        variant: str = "",
        band: int | None = None,
        duration: int | None = None,
    ) -> RateEntry | None:
        for entry in self._by_key.get(key, ()):
            if entry.effective_from <= on and entry.applies(
                sheet_kind=sheet_kind, variant=variant, band=band, duration=duration
            ):
                return entry
        return None
