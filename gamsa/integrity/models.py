"""Every model of the integrity app (label `integrity`), defined in its concept package and re-exported here so
that Django finds them (docs/adr/0028-integrity.md)."""

from gamsa.integrity.events.models import (
    AwardCriterion,
    AwardKind,
    AwardRound,
    EventKind,
    IntegrityEvent,
    Nominee,
    Participant,
    ParticipantKind,
    Score,
)
from gamsa.integrity.letters.models import Batch, BatchStatus, LetterPolicy, LetterTemplate, Recipient
from gamsa.integrity.meetings.models import AgendaItem, StatusMeeting
from gamsa.integrity.monitoring.models import MonitoringFinding, MonitoringRound, VulnerableArea
from gamsa.integrity.overview.models import ProgrammeYear
from gamsa.integrity.pledges.models import PledgeSignature, PledgeText
from gamsa.integrity.survey.models import (
    Answer,
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    RiskArea,
)
from gamsa.integrity.training.models import Completion, Course, CourseKind, Session, StaffStage, Stage

__all__ = [
    "AgendaItem",
    "Answer",
    "AwardCriterion",
    "AwardKind",
    "AwardRound",
    "Batch",
    "BatchStatus",
    "Completion",
    "Course",
    "CourseKind",
    "EventKind",
    "IntegrityEvent",
    "Invitation",
    "LetterPolicy",
    "LetterTemplate",
    "MonitoringFinding",
    "MonitoringRound",
    "Nominee",
    "Participant",
    "ParticipantKind",
    "PledgeSignature",
    "PledgeText",
    "ProgrammeYear",
    "Question",
    "Questionnaire",
    "QuestionnaireStatus",
    "Recipient",
    "Response",
    "RiskArea",
    "Score",
    "Session",
    "StaffStage",
    "Stage",
    "StatusMeeting",
    "VulnerableArea",
]
