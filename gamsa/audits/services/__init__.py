"""All writes of the audits app. Each function runs in one transaction and records one event."""


class AuditError(ValueError):
    """A rule of the audit process was broken; the message is Korean and safe to show."""
