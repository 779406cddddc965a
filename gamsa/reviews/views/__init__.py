"""Pages of audit_reviews."""
