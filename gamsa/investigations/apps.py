from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "gamsa.investigations"
    label = "investigations"
    verbose_name = "조사(비위 조사)"

    def ready(self):
        from gamsa.investigations import hooks  # noqa: F401  (navigation, work items, attachment rule, demo)
