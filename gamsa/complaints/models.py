"""Every model of the complaints app, imported from its concept's package so that Django registers it under the
app label `complaints` (the label comes from the containing app, so the tables keep their names), and re-exported
explicitly for the code that reads across concepts."""

from gamsa.complaints.committee.models import AgendaItem, CommitteeMeeting, CommitteeMember
from gamsa.complaints.grievances.models import (
    CHECK_ITEMS,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    Answer,
    Category,
    Channel,
    Complainant,
    Extension,
    Grievance,
    GrievancePlace,
    InspectionRecord,
    InternalClosureRequest,
    Kind,
    Notice,
    Pause,
    SatisfactionSurvey,
    SimilarityReview,
    Status,
)
from gamsa.complaints.petitions.models import BoardMeeting, BoardMember, Petition, PetitionObjection
from gamsa.complaints.protection.models import AbuseIncident, ExpertConsultation, Measure, ProtectionRequest
from gamsa.complaints.reports.models import (
    DesignatedOfficer,
    PublicInterestReport,
    ReportNotice,
)
from gamsa.complaints.taxpayer.models import TaxpayerCase

__all__ = [
    "CHECK_ITEMS",
    "OPEN_STATUSES",
    "PAUSED_STATUSES",
    "AbuseIncident",
    "AgendaItem",
    "Answer",
    "BoardMeeting",
    "BoardMember",
    "Category",
    "Channel",
    "CommitteeMeeting",
    "CommitteeMember",
    "Complainant",
    "DesignatedOfficer",
    "ExpertConsultation",
    "Extension",
    "Grievance",
    "GrievancePlace",
    "InspectionRecord",
    "InternalClosureRequest",
    "Kind",
    "Measure",
    "Notice",
    "Pause",
    "Petition",
    "PetitionObjection",
    "ProtectionRequest",
    "PublicInterestReport",
    "ReportNotice",
    "SatisfactionSurvey",
    "SimilarityReview",
    "Status",
    "TaxpayerCase",
]
