from django.apps import AppConfig


class AuditReviewsConfig(AppConfig):
    """Pre-execution reviews (일상감사), contract cost reviews (계약심사) and, in its own package, proactive
    administration (적극행정). The label stays `audit_reviews` (from when the app sat under gamsa/audits), so no
    table moved (docs/adr/0027)."""

    name = "gamsa.reviews"
    label = "audit_reviews"
    verbose_name = "일상감사·계약심사·적극행정"

    def ready(self):
        # navigation, work items, demo data, verb labels: the reviews' own, then 적극행정's
        from gamsa.reviews import hooks  # noqa: F401
        from gamsa.reviews.proactive import hooks as proactive_hooks  # noqa: F401
