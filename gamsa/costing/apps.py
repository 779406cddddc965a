from django.apps import AppConfig


class CostingConfig(AppConfig):
    name = "gamsa.costing"
    label = "costing"
    verbose_name = "원가계산 제비율 심사"

    def ready(self):
        from gamsa.costing import approvals, hooks  # noqa: F401  (결재 kind; navigation, work items, demo, verbs)
