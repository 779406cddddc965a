"""Models of the complaint team, re-exported explicitly."""

from gamsa.complaints.models.committee import AgendaItem, CommitteeMeeting, CommitteeMember
from gamsa.complaints.models.grievances import (
    OPEN_STATUSES,
    PAUSED_STATUSES,
    Answer,
    Category,
    Channel,
    Complainant,
    Extension,
    Grievance,
    GrievancePlace,
    InternalClosureRequest,
    Kind,
    Notice,
    Pause,
    SimilarityReview,
    Status,
)
from gamsa.complaints.models.inspection import CHECK_ITEMS, InspectionRecord
from gamsa.complaints.models.petitions import BoardMeeting, BoardMember, Petition, PetitionObjection
from gamsa.complaints.models.protection import AbuseIncident, ExpertConsultation, Measure, ProtectionRequest
from gamsa.complaints.models.reports import (
    DesignatedOfficer,
    PublicInterestReport,
    ReportNotice,
)
from gamsa.complaints.models.taxpayer import TaxpayerCase

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
    "SimilarityReview",
    "Status",
    "TaxpayerCase",
]
