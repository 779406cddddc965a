from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "gamsa.audits"
    label = "audits"
    verbose_name = "자체감사"

    def ready(self):
        from gamsa.audits import hooks  # noqa: F401  (navigation, work items, demo data, verb labels)
