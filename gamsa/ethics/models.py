"""The ethics app's models, one package per concept (explicit re-exports for Django and the rest of the app)."""

from gamsa.ethics.committee.models import AgendaItem, Decision, ItemKind, Meeting, MeetingKind, Member, Seat
from gamsa.ethics.refusals.models import DisclosureRefusal, Relation, RefusalKind, RefusalStatus, RefusalTrigger
from gamsa.ethics.registration.models import (
    Basis,
    Declarant,
    DeclarantStatus,
    DesignatedUnit,
    Field,
    Filing,
    FilingKind,
    ProposalKind,
    ProposalStatus,
    RosterProposal,
    Trigger,
)
from gamsa.ethics.registration.review_models import (
    Conclusion,
    Measure,
    RequestKind,
    Review,
    ReviewAmount,
    ReviewRequest,
    ReviewStatus,
)
from gamsa.ethics.restrictions.models import CheckKind, CheckResult, EmploymentCheck, Restriction

__all__ = [
    "AgendaItem",
    "Basis",
    "CheckKind",
    "CheckResult",
    "Conclusion",
    "Declarant",
    "DeclarantStatus",
    "Decision",
    "DesignatedUnit",
    "DisclosureRefusal",
    "EmploymentCheck",
    "Field",
    "Filing",
    "FilingKind",
    "ItemKind",
    "Measure",
    "Meeting",
    "MeetingKind",
    "Member",
    "ProposalKind",
    "ProposalStatus",
    "RefusalKind",
    "RefusalStatus",
    "RefusalTrigger",
    "Relation",
    "RequestKind",
    "Restriction",
    "Review",
    "ReviewAmount",
    "ReviewRequest",
    "ReviewStatus",
    "RosterProposal",
    "Seat",
    "Trigger",
]
