"""Which requests must be reviewed: the threshold version in force on a date, and new versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from gamsa.core.services import record_event
from gamsa.reviews.models import Basis, Category, ReviewKind, ThresholdRule


class ThresholdError(ValueError):
    """A Korean message safe to show next to the form."""


BASIS_SHORT = {Basis.ESTIMATED_PRICE: "추정가격", Basis.ESTIMATED_AMOUNT: "추정금액"}


@dataclass(frozen=True)
class Decision:
    required: bool
    rule: ThresholdRule | None
    reason: str
    amount: int | None = None

    def as_dict(self) -> dict:
        rule = self.rule
        return {
            "required": self.required,
            "reason": self.reason,
            "amount": self.amount,
            "rule": None
            if rule is None
            else {
                "id": str(rule.public_id),
                "review_kind": rule.review_kind,
                "category": rule.category,
                "basis": rule.basis,
                "min_amount": rule.min_amount,
                "applies": rule.applies,
                "effective_from": rule.effective_from.isoformat(),
                "source": rule.source,
                "summary": rule.summary,
            },
        }


def rule_in_force(review_kind: str, category: str, on: dt.date) -> ThresholdRule | None:
    """The version with the latest effective date on or before `on` (older versions stay for the record)."""
    return (
        ThresholdRule.objects.filter(review_kind=review_kind, category=category, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def decide(
    review_kind: str,
    category: str,
    *,
    on: dt.date,
    estimated_price: int | None = None,
    estimated_amount: int | None = None,
) -> Decision:
    """Whether a request must be reviewed, and why (which rule). Raises ThresholdError when the rule's basis
    amount is missing."""
    kind_label = ReviewKind(review_kind).label
    cat_label = Category(category).label
    rule = rule_in_force(review_kind, category, on)
    if rule is None:
        return Decision(
            False,
            None,
            f"「{cat_label}」에는 {on.year}. {on.month}. {on.day}. 현재 {kind_label} 대상 금액 기준이 없습니다. "
            "필요하면 감사팀과 협의하세요.",
        )
    if not rule.applies:
        return Decision(
            False, rule, f"금액 기준 {kind_label} 대상이 아닙니다 — {rule.summary}. 근거: {rule.source}"
        )
    amount = estimated_price if rule.basis == Basis.ESTIMATED_PRICE else estimated_amount
    basis = BASIS_SHORT[rule.basis]
    if amount is None:
        raise ThresholdError(
            f"「{cat_label}」은(는) {basis}으로 {kind_label} 대상 여부를 판단합니다. {basis}을 입력하세요."
        )
    if amount < 0:
        raise ThresholdError("금액은 0원 이상이어야 합니다.")
    if amount >= rule.min_amount:
        return Decision(
            True,
            rule,
            f"{kind_label} 대상입니다: {basis} {amount:,}원이 기준금액 {rule.min_amount:,}원 이상입니다 "
            f"({rule.summary}). 근거: {rule.source}",
            amount,
        )
    return Decision(
        False,
        rule,
        f"{kind_label} 대상이 아닙니다: {basis} {amount:,}원이 기준금액 {rule.min_amount:,}원 미만입니다 "
        f"({rule.summary}). 근거: {rule.source}",
        amount,
    )


@transaction.atomic
def add_version(
    actor,
    *,
    review_kind: str,
    category: str,
    basis: str,
    min_amount: int,
    effective_from: dt.date,
    source: str,
    applies: bool = True,
    note: str = "",
) -> ThresholdRule:
    """A new version from `effective_from`; earlier versions are kept and still decide earlier requests."""
    if min_amount < 0:
        raise ThresholdError("기준금액은 0원 이상이어야 합니다.")
    if not source.strip():
        raise ThresholdError("근거(규칙·별표 조항 또는 공개 자료)를 적어 주세요.")
    if ThresholdRule.objects.filter(
        review_kind=review_kind, category=category, effective_from=effective_from
    ).exists():
        raise ThresholdError("같은 시행일의 기준이 이미 있습니다. 다른 시행일을 정하세요.")
    previous = rule_in_force(review_kind, category, effective_from)
    rule = ThresholdRule.objects.create(
        review_kind=review_kind,
        category=category,
        basis=basis,
        min_amount=min_amount,
        applies=applies,
        effective_from=effective_from,
        source=source.strip(),
        note=note.strip(),
        created_by=actor,
    )
    record_event(
        actor,
        "review_threshold.versioned",
        rule,
        review_kind=review_kind,
        category=category,
        basis=basis,
        min_amount=min_amount,
        applies=applies,
        effective_from=effective_from.isoformat(),
        previous_min_amount=previous.min_amount if previous else None,
    )
    return rule
