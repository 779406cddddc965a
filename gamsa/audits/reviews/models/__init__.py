"""Models of audit_reviews; explicit re-exports."""

from gamsa.audits.reviews.models.proactive import (
    DEFAULT_CRITERIA,
    CommitteeMember,
    ExemptionCase,
    Nomination,
    PreConsulting,
    QuarterlyExemptionReport,
    Score,
    SelectionRound,
)
from gamsa.audits.reviews.models.requests import (
    OPEN_STATUSES,
    ContractReview,
    Field,
    Opinion,
    PreExecutionReview,
    Status,
)
from gamsa.audits.reviews.models.thresholds import (
    CATEGORIES_FOR,
    AnswerPeriod,
    Basis,
    Category,
    ReviewKind,
    ThresholdRule,
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
