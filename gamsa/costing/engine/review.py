"""The review: both sides of the sheet computed in the formula order of the 공사원가계산서 (cost-rates.md §1).

The stated side is recomputed from the sheet's own rates on the sheet's own figures, so arithmetic errors show up;
the allowed side uses the allowed rate of each line on the allowed amounts before it, so a cut cascades.
Each line is truncated below 1 won; the contract total (공급가액 + 부가가치세) below 1,000 won.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from gamsa.costing.engine.rates import CAP, LEGAL, REFERENCE, RateEntry, RateTable
from gamsa.costing.engine.sheet import EXPENSE_KEYS, LABELS, LINE_ORDER, WORKS, Sheet

ZERO = Decimal(0)
HEALTH_MIN_DAYS = 30
RETIREMENT_MIN_ESTIMATE = 100_000_000
SAFETY_MIN_TOTAL = 20_000_000

# What each rule code means, in Korean, for people.
RULES = {
    "amount": "직접 계상한 금액(요율 심사 대상 아님)",
    "legal_ok": "법정요율과 같음",
    "legal_cut": "법정요율 초과: 법정요율로 감액",
    "legal_under": "법정요율 미달(과소계상): 법정요율로 증액",
    "legal_missing": "법정 비목 누락(과소계상): 법정요율로 계상",
    "cap_ok": "상한 이내",
    "cap_cut": "상한 초과: 상한율로 감액",
    "reference_ok": "기준율 이내",
    "reference_cut": "기준율 초과: 기준율로 감액(초과 사유가 있으면 소명 필요)",
    "no_reference": "기준 없음: 신고율 인정",
    "no_table": "해당 일자의 요율표 없음: 신고율 인정",
    "condition_off": "적용 요건 미충족: 계상 불가",
    "not_listed": "계상하지 않음",
}
CONDITION_TEXT = {
    "health_insurance": f"공사기간 {HEALTH_MIN_DAYS}일 이상일 때만 계상",
    "long_term_care_insurance": f"공사기간 {HEALTH_MIN_DAYS}일 이상일 때만 계상",
    "national_pension": f"공사기간 {HEALTH_MIN_DAYS}일 이상일 때만 계상",
    "retirement_mutual_aid": "추정금액 1억원 이상일 때만 계상",
    "safety_health": "총공사금액 2천만원 이상일 때만 계상",
}
BASES = {
    "labor_indirect": "직접노무비",
    "industrial_accident_insurance": "노무비 계",
    "employment_insurance": "노무비 계",
    "health_insurance": "직접노무비",
    "long_term_care_insurance": "국민건강보험료",
    "national_pension": "직접노무비",
    "retirement_mutual_aid": "직접노무비",
    "safety_health": "재료비 + 직접노무비",
    "environment": "직접공사비",
    "other_expenses": "재료비 + 노무비 계",
    "general_admin": "재료비 + 노무비 + 경비",
    "profit": "노무비 + 경비 + 일반관리비",
    "vat": "총원가",
}
DEFAULT_CHECK = {
    "labor_indirect": REFERENCE,
    "environment": REFERENCE,
    "other_expenses": REFERENCE,
    "general_admin": CAP,
    "profit": CAP,
}


def trunc(value: Decimal) -> int:
    """Truncate below 1 won (toward zero)."""
    return int(value.to_integral_value(rounding=ROUND_DOWN))


def trunc_thousand(value: int) -> int:
    return int(Decimal(value).scaleb(-3).to_integral_value(rounding=ROUND_DOWN).scaleb(3))


@dataclass
class ReviewLine:
    key: str
    stated_rate: Decimal | None
    stated_amount: int
    allowed_rate: Decimal | None
    allowed_amount: int
    rule: str
    check: str = ""
    source: str = ""
    confidence: str = ""
    effective_from: str = ""
    base_label: str = ""
    stated_base: int | None = None
    allowed_base: int | None = None
    base_amount: int = 0
    recomputed_amount: int | None = None
    note: str = ""
    sign: int = 1

    @property
    def difference(self) -> int:
        return self.stated_amount - self.allowed_amount

    @property
    def arithmetic_error(self) -> int:
        return 0 if self.recomputed_amount is None else self.stated_amount - self.recomputed_amount

    @property
    def label(self) -> str:
        return LABELS[self.key]

    def explanation(self) -> str:
        """One Korean sentence a reader can follow: the rule, the rates and the legal source."""
        text = RULES[self.rule]
        if self.rule in ("legal_cut", "legal_under", "legal_missing", "cap_cut", "reference_cut"):
            text += f" (신고 {pct(self.stated_rate)} → 인정 {pct(self.allowed_rate)})"
        if self.rule == "condition_off":
            text += f" ({CONDITION_TEXT.get(self.key, '')})"
        if (
            self.stated_base is not None
            and self.allowed_base is not None
            and self.stated_base != self.allowed_base
            and self.rule not in ("condition_off", "not_listed")
        ):
            text += (
                f"; 기준금액 {self.stated_base:,}원 → {self.allowed_base:,}원(앞 비목 조정에 따른 연쇄 조정)"
            )
        if self.base_amount:
            text += f"; 기초액 {self.base_amount:,}원 가산"
        if self.arithmetic_error:
            text += (
                f"; 계산서 금액 {self.stated_amount:,}원이 신고율로 다시 계산한 {self.recomputed_amount:,}원과 "
                f"{self.arithmetic_error:+,}원 다름(계산 착오)"
            )
        if self.note:
            text += f"; {self.note}"
        return text


def pct(rate: Decimal | None) -> str:
    if rate is None:
        return "-"
    return f"{(rate * 100).normalize():f}%"


@dataclass
class Review:
    sheet: Sheet
    lines: list[ReviewLine] = field(default_factory=list)
    stated: dict = field(default_factory=dict)
    allowed: dict = field(default_factory=dict)

    @property
    def stated_total(self) -> int:
        return self.stated["contract_total"]

    @property
    def allowed_total(self) -> int:
        return self.allowed["contract_total"]

    @property
    def savings(self) -> int:
        return self.stated_total - self.allowed_total

    def line(self, key: str) -> ReviewLine:
        return next(line for line in self.lines if line.key == key)

    def to_json(self) -> dict:
        """The public JSON: exactly `lines` and `totals`. Amounts are integers, rates numbers (null: no rate)."""
        return {
            "lines": [
                {
                    "key": line.key,
                    "stated_rate": _num(line.stated_rate),
                    "stated_amount": line.stated_amount,
                    "allowed_rate": _num(line.allowed_rate),
                    "allowed_amount": line.allowed_amount,
                    "difference": line.difference,
                    "rule": line.rule,
                    "basis": {
                        "label": line.label,
                        "check": line.check,
                        "base": line.base_label,
                        "source": line.source,
                        "confidence": line.confidence,
                        "effective_from": line.effective_from,
                        "base_amount": line.base_amount,
                        "arithmetic_error": line.arithmetic_error,
                        "explanation": line.explanation(),
                    },
                }
                for line in self.lines
            ],
            "totals": {
                "stated_total": self.stated_total,
                "allowed_total": self.allowed_total,
                "savings": self.savings,
            },
        }

    def summary(self) -> dict:
        """Subtotals of both sides (재료비, 노무비, 경비, 순공사원가, 일반관리비, 이윤, 총원가, 부가가치세, 합계)."""
        return {"stated": dict(self.stated), "allowed": dict(self.allowed)}


def _num(rate: Decimal | None):
    return None if rate is None else float(rate)


class _Reviewer:
    def __init__(self, sheet: Sheet, table: RateTable, profit_excluded):
        self.sheet = sheet
        self.table = table
        self.profit_excluded = tuple(profit_excluded)
        self.lines: dict[str, ReviewLine] = {}
        self.s: dict[str, int] = {}  # stated side amounts
        self.a: dict[str, int] = {}  # allowed side amounts

    # --- helpers ---------------------------------------------------------------------------------------------------
    def amount_line(self, key: str, sign: int = 1) -> None:
        value = self.sheet.amount(key)
        line = self.sheet.lines.get(key)
        if line is None and key not in ("material_direct", "labor_direct"):
            self.s[key] = self.a[key] = 0
            return
        self.lines[key] = ReviewLine(key, None, value, None, value, "amount", sign=sign)
        self.s[key] = self.a[key] = value

    def lookup(self, key: str, band=None) -> RateEntry | None:
        sheet = self.sheet
        variant = sheet.work_type if sheet.kind == WORKS else sheet.service_type
        return self.table.lookup(
            key,
            sheet.base_date,
            sheet_kind=sheet.kind,
            variant=variant,
            band=band,
            duration=sheet.duration_days,
        )

    def rate_line(self, key, stated_base, allowed_base, *, band=None, condition=True, required=False):
        """Compute one rate line on both sides and store its amounts."""
        written = self.sheet.lines.get(key)
        entry = self.lookup(key, band)
        check = entry.check if entry else DEFAULT_CHECK.get(key, LEGAL)
        line = ReviewLine(
            key,
            None,
            0,
            None,
            0,
            "not_listed",
            check=check,
            base_label=BASES.get(key, ""),
            stated_base=stated_base,
            allowed_base=allowed_base,
        )
        if entry is not None:
            line.source, line.confidence = entry.source, entry.confidence
            line.effective_from = entry.effective_from.isoformat()
            line.base_label = entry.base or line.base_label
            line.note = entry.note if check != LEGAL or entry.key == "employment_insurance" else ""
        if written is None and (not required or entry is None or not condition):
            self.s[key] = self.a[key] = 0
            return
        base_amount = entry.base_amount if entry is not None else 0
        # The stated side
        if written is not None and written.rate is None:  # a plain amount (reference lines only)
            line.stated_amount = written.amount
            stated_rate = None
        else:
            stated_rate = written.rate if written is not None else ZERO
            recomputed = trunc(Decimal(stated_base) * stated_rate) + (base_amount if stated_rate else 0)
            line.stated_rate = stated_rate
            if written is not None and written.amount is not None:
                line.stated_amount = written.amount
                line.recomputed_amount = recomputed
            else:
                line.stated_amount = recomputed
        # The allowed side
        allowed_rate, add_base = stated_rate, base_amount if stated_rate else 0
        if not condition:
            line.rule, allowed_rate, add_base = "condition_off", ZERO, 0
        elif check == LEGAL:
            if entry is None:
                line.rule = "no_table"
            else:
                allowed_rate, add_base = entry.rate, base_amount
                if written is None:
                    line.rule = "legal_missing"
                elif stated_rate is None or stated_rate == entry.rate:
                    line.rule = "legal_ok"
                else:
                    line.rule = "legal_cut" if stated_rate > entry.rate else "legal_under"
        elif check == CAP:
            if entry is None:
                line.rule = "no_table"
            elif stated_rate is not None and stated_rate > entry.rate:
                line.rule, allowed_rate = "cap_cut", entry.rate
            else:
                line.rule = "cap_ok"
        else:  # reference
            if entry is None:
                line.rule = "no_reference"
            elif stated_rate is not None and stated_rate > entry.rate:
                line.rule, allowed_rate = "reference_cut", entry.rate
            else:
                line.rule = "reference_ok"
        if stated_rate is None and line.rule in ("no_reference", "reference_ok", "no_table", "cap_ok"):
            line.allowed_rate, line.allowed_amount = None, line.stated_amount
        else:
            line.allowed_rate = allowed_rate
            line.allowed_amount = trunc(Decimal(allowed_base) * allowed_rate) + (
                add_base if allowed_rate else 0
            )
        line.base_amount = add_base if line.allowed_amount else 0
        self.lines[key] = line
        self.s[key], self.a[key] = line.stated_amount, line.allowed_amount

    # --- the formula order -----------------------------------------------------------------------------------------
    def run(self) -> Review:
        sheet = self.sheet
        works = sheet.kind == WORKS
        for key in ("material_direct", "material_indirect"):
            self.amount_line(key)
        self.amount_line("scrap_credit", sign=-1)
        self.amount_line("labor_direct")
        side_s, side_a = {}, {}
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["material"] = (
                amounts["material_direct"] + amounts["material_indirect"] - amounts["scrap_credit"]
            )
        ld = self.s["labor_direct"]
        direct_cost = (  # 직접공사비 = 재 + 직노 + 직접경비: amounts only, the same on both sides
            side_s["material"] + ld + sheet.amount("machinery") + sheet.amount("direct_expenses")
        )
        self.rate_line("labor_indirect", ld, ld, band=direct_cost)
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["labor"] = amounts["labor_direct"] + amounts["labor_indirect"]
        self.amount_line("machinery")
        self.amount_line("direct_expenses")
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["direct_cost"] = side["material"] + ld + amounts["machinery"] + amounts["direct_expenses"]

        self.rate_line("industrial_accident_insurance", side_s["labor"], side_a["labor"], required=works)
        self.rate_line(
            "employment_insurance",
            side_s["labor"],
            side_a["labor"],
            band=sheet.employment_grade,
            required=works,
        )
        long_enough = sheet.duration_days is None or sheet.duration_days >= HEALTH_MIN_DAYS
        self.rate_line("health_insurance", ld, ld, condition=long_enough, required=works)
        self.rate_line(
            "long_term_care_insurance",
            self.s["health_insurance"],
            self.a["health_insurance"],
            condition=long_enough,
            required=works,
        )
        self.rate_line("national_pension", ld, ld, condition=long_enough, required=works)
        big_enough = (sheet.estimated_amount or 0) >= RETIREMENT_MIN_ESTIMATE
        self.rate_line("retirement_mutual_aid", ld, ld, condition=big_enough, required=works)
        target = side_s["material"] + ld
        total_works = (
            sheet.total_works_amount if sheet.total_works_amount is not None else sheet.estimated_amount
        )
        self.rate_line(
            "safety_health",
            target,
            side_a["material"] + ld,
            band=target,
            condition=(total_works or 0) >= SAFETY_MIN_TOTAL,
            required=works,
        )
        self.rate_line(
            "environment", side_s["direct_cost"], side_a["direct_cost"], band=side_s["direct_cost"]
        )
        self.rate_line(
            "other_expenses",
            side_s["material"] + side_s["labor"],
            side_a["material"] + side_a["labor"],
            band=side_s["direct_cost"],
        )
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["expenses"] = sum(amounts.get(k, 0) for k in EXPENSE_KEYS)
            side["net_cost"] = side["material"] + side["labor"] + side["expenses"]
        self.rate_line("general_admin", side_s["net_cost"], side_a["net_cost"])
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["general_admin"] = amounts["general_admin"]
            excluded = sum(amounts.get(k, 0) for k in self.profit_excluded)
            side["profit_base"] = side["labor"] + side["expenses"] - excluded + side["general_admin"]
        self.rate_line("profit", side_s["profit_base"], side_a["profit_base"])
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["profit"] = amounts["profit"]
            side["total_cost"] = side["net_cost"] + side["general_admin"] + side["profit"]
        self.rate_line("vat", side_s["total_cost"], side_a["total_cost"], required=True)
        for side, amounts in ((side_s, self.s), (side_a, self.a)):
            side["vat"] = amounts["vat"]
            side["sum"] = side["total_cost"] + side["vat"]
            side["contract_total"] = trunc_thousand(side["sum"])
        ordered = [self.lines[k] for k in LINE_ORDER if k in self.lines]
        return Review(sheet=sheet, lines=ordered, stated=side_s, allowed=side_a)


def review(sheet: Sheet, table: RateTable, *, profit_excluded=()) -> Review:
    """Review `sheet` against `table`. `profit_excluded`: 경비 line keys left out of the 이윤 base (empty default)."""
    return _Reviewer(sheet, table, profit_excluded).run()


def allowed_sheet(result: Review) -> dict:
    """The sheet with every rate replaced by its allowed rate (and no written amounts): reviewing it again changes
    nothing."""
    from gamsa.costing.engine.sheet import sheet_to_dict

    data = sheet_to_dict(result.sheet)
    lines = {}
    for line in result.lines:
        if line.allowed_rate is None:
            lines[line.key] = line.allowed_amount
        else:
            lines[line.key] = {"rate": float(line.allowed_rate)}
    data["lines"] = lines
    return data
