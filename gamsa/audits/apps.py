from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "gamsa.audits"
    label = "audits"
    verbose_name = "자체감사"

    def ready(self):
        from gamsa.audits import approvals, hooks  # noqa: F401  (결재 kind; navigation, work items, demo, verbs)
