from django.apps import AppConfig


class AuditReviewsConfig(AppConfig):
    name = "gamsa.audits.reviews"
    label = "audit_reviews"
    verbose_name = "일상감사·계약심사·적극행정"

    def ready(self):
        from gamsa.audits.reviews import hooks  # noqa: F401  (navigation, work items, demo data, verb labels)
