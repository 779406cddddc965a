"""Every write on a grievance, re-exported explicitly so that callers keep one entry point:
`from gamsa.complaints.grievances import services as svc`.

- workflow: the error users see, the allowed status moves, row locking
- intake: complainants, receiving, the status PIN, re-filing
- handling: routing, the pauses that stop the clock, extensions
- answers: progress notices, the answer, closing, withdrawal, 반려
- repeats: repeated complaints (법 제23조), joint handling and internal closure
- citizen: the complainant's own writes (the satisfaction survey)
"""

from gamsa.complaints.grievances.services.answers import (
    ProgressNoticeStatus,
    answer,
    close,
    progress_notice_due,
    progress_notice_status,
    reject,
    send_progress_notice,
    withdraw,
)
from gamsa.complaints.grievances.services.citizen import submit_survey, survey_open
from gamsa.complaints.grievances.services.handling import (
    acknowledge_assignment,
    assign,
    extend_deadline,
    extend_site_survey,
    is_new_assignment,
    request_supplement,
    resume,
    start_processing,
    start_site_survey,
    transfer,
)
from gamsa.complaints.grievances.services.intake import (
    PIN_DIGITS,
    Receipt,
    check_pin,
    find_or_create_complainant,
    receive_grievance,
    refile,
)
from gamsa.complaints.grievances.services.repeats import (
    chain_of,
    decide_internal_closure,
    joint_group_of,
    link_joint_handling,
    repeat_evidence,
    request_internal_closure,
    review_similarity,
)
from gamsa.complaints.grievances.services.workflow import (
    SITE_SURVEY_EXTENSION_MAX_DAYS,
    SITE_SURVEY_MAX_DAYS,
    TRANSITIONS,
    GrievanceError,
    lock,
    move_status,
)

__all__ = [
    "GrievanceError",
    "PIN_DIGITS",
    "ProgressNoticeStatus",
    "Receipt",
    "SITE_SURVEY_EXTENSION_MAX_DAYS",
    "SITE_SURVEY_MAX_DAYS",
    "TRANSITIONS",
    "acknowledge_assignment",
    "answer",
    "assign",
    "chain_of",
    "check_pin",
    "close",
    "decide_internal_closure",
    "extend_deadline",
    "extend_site_survey",
    "find_or_create_complainant",
    "is_new_assignment",
    "joint_group_of",
    "link_joint_handling",
    "lock",
    "move_status",
    "progress_notice_due",
    "progress_notice_status",
    "receive_grievance",
    "refile",
    "reject",
    "repeat_evidence",
    "request_internal_closure",
    "request_supplement",
    "resume",
    "review_similarity",
    "send_progress_notice",
    "start_processing",
    "start_site_survey",
    "submit_survey",
    "survey_open",
    "transfer",
    "withdraw",
]
