"""Every model of the patrols app (label `patrols`), defined in its concept package and re-exported here so that
Django finds them: field complaints, patrol rounds, findings, near-duplicates and guardians (docs/adr/0027)."""

from gamsa.patrols.duplicates.models import DuplicateCandidate, DuplicateScanPending
from gamsa.patrols.fieldcomplaints.models import (
    CLOSED_COMPLAINT_STATUSES,
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    DeadlineBasis,
    EvaluationRule,
    EvaluationSnapshot,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    QualityReview,
    SiteCheck,
    Source,
    UnitAlias,
)
from gamsa.patrols.findings.models import (
    OPEN_FINDING_STATUSES,
    Finding,
    FindingCategory,
    FindingStatus,
    Photo,
)
from gamsa.patrols.guardians.models import Guardian, GuardianTraining
from gamsa.patrols.rounds.models import JOINT_KINDS, PatrolRound, RoundKind

__all__ = [
    "CLOSED_COMPLAINT_STATUSES",
    "JOINT_KINDS",
    "OPEN_COMPLAINT_STATUSES",
    "OPEN_FINDING_STATUSES",
    "ComplaintStatus",
    "DeadlineBasis",
    "DuplicateCandidate",
    "DuplicateScanPending",
    "EvaluationRule",
    "EvaluationSnapshot",
    "FieldCategory",
    "FieldComplaint",
    "FieldItem",
    "Finding",
    "FindingCategory",
    "FindingStatus",
    "Guardian",
    "GuardianTraining",
    "PatrolRound",
    "Photo",
    "QualityReview",
    "RoundKind",
    "SiteCheck",
    "Source",
    "UnitAlias",
]
