"""Every write of 청렴톡, one module per side (ADR 0023):

- reporter.py: submit, return with the receipt, message, add files, change the receipt; reading content;
- office.py: assign (key grant), acknowledge, messages and notes, extension, recusal, revoking a grant, closing,
  legal hold, identity requests;
- rekey.py: the report key's rotation when a grant is taken away;
- conversion.py: a report into an investigation case.

Each write runs in one transaction and records one Event without content. `from gamsa.hotline import services as
svc` gives all of them.
"""

from gamsa.hotline.services.common import (
    MAX_TEXT,
    OPEN,
    STALE_KEY,
    SUBJECT,
    UNIFORM_RECEIPT_ERROR,
    HotlineError,
    NoKey,
    ReceiptError,
    StaleKey,
    Status,
    discard,
    key_matches,
)
from gamsa.hotline.services.conversion import can_convert, convert
from gamsa.hotline.services.office import (
    acknowledge,
    assign,
    can_revoke,
    close,
    extend_feedback,
    grant_of,
    log_read,
    office_message,
    recuse,
    report_key,
    request_identity,
    revoke_grant,
    set_legal_hold,
)
from gamsa.hotline.services.reporter import (
    change_receipt,
    file_body,
    find,
    intake_rings,
    read,
    reporter_add_files,
    reporter_message,
    submit,
    validate_answers,
    validate_identity,
)

__all__ = [
    "MAX_TEXT",
    "OPEN",
    "STALE_KEY",
    "SUBJECT",
    "UNIFORM_RECEIPT_ERROR",
    "HotlineError",
    "NoKey",
    "ReceiptError",
    "StaleKey",
    "Status",
    "acknowledge",
    "assign",
    "can_convert",
    "can_revoke",
    "change_receipt",
    "close",
    "convert",
    "discard",
    "extend_feedback",
    "file_body",
    "find",
    "grant_of",
    "intake_rings",
    "key_matches",
    "log_read",
    "office_message",
    "read",
    "recuse",
    "report_key",
    "reporter_add_files",
    "reporter_message",
    "request_identity",
    "revoke_grant",
    "set_legal_hold",
    "submit",
    "validate_answers",
    "validate_identity",
]
