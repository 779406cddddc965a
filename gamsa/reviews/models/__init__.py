"""Models of the reviews app (label `audit_reviews`); explicit re-exports, 적극행정's from its own package."""

from gamsa.reviews.models.requests import (
    OPEN_STATUSES,
    ContractReview,
    Field,
    Opinion,
    PreExecutionReview,
    Status,
)
from gamsa.reviews.models.thresholds import (
    CATEGORIES_FOR,
    AnswerPeriod,
    Basis,
    Category,
    ReviewKind,
    ThresholdRule,
)
from gamsa.reviews.proactive.models import (
    DEFAULT_CRITERIA,
    CommitteeMember,
    ExemptionCase,
    Nomination,
    PreConsulting,
    QuarterlyExemptionReport,
    Score,
    SelectionRound,
)

__all__ = [
    "CATEGORIES_FOR",
    "AnswerPeriod",
    "DEFAULT_CRITERIA",
    "OPEN_STATUSES",
    "Basis",
    "Category",
    "CommitteeMember",
    "ContractReview",
    "ExemptionCase",
    "Field",
    "Nomination",
    "Opinion",
    "PreConsulting",
    "PreExecutionReview",
    "QuarterlyExemptionReport",
    "ReviewKind",
    "Score",
    "SelectionRound",
    "Status",
    "ThresholdRule",
]
