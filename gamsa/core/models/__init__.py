"""Core models, re-exported explicitly."""

from gamsa.core.models.calendar import Closure, DeadlineRule
from gamsa.core.models.counters import CaseCounter
from gamsa.core.models.enrolment import EnrolmentCode
from gamsa.core.models.files import Attachment
from gamsa.core.models.jobs import Job
from gamsa.core.models.logs import AccessLog, Event
from gamsa.core.models.org import Agency, Membership, OrgUnit, Role, UnitKind
from gamsa.core.models.people import Grade, User, UserKind
from gamsa.core.models.throttle import Throttle
from gamsa.core.models.tokens import ApiToken

__all__ = [
    "AccessLog",
    "Agency",
    "ApiToken",
    "Attachment",
    "CaseCounter",
    "Closure",
    "DeadlineRule",
    "EnrolmentCode",
    "Event",
    "Grade",
    "Job",
    "Membership",
    "OrgUnit",
    "Role",
    "Throttle",
    "UnitKind",
    "User",
    "UserKind",
]
