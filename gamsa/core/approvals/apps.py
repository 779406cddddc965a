from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "gamsa.core.approvals"
    label = "approvals"
    verbose_name = "결재"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gamsa.core.approvals import hooks  # noqa: F401  (navigation, the desk, demo)
