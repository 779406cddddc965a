"""All writes of audit_reviews. Each service runs in a transaction and records one event."""
