from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "gamsa.complaints"
    label = "complaints"
    verbose_name = "고충민원·청원·공익신고"

    def ready(self):
        from gamsa.complaints import (
            approvals,  # noqa: F401  (answers and internal closures go through 결재)
            hooks,  # noqa: F401  (navigation, work items, attachment rules)
            hooks_io,  # noqa: F401
            hooks_other,  # noqa: F401
            hooks_petitions,  # noqa: F401
        )
        from gamsa.core import demo

        if approvals.load_demo not in demo.DEMO_HOOKS:
            demo.DEMO_HOOKS.append(approvals.load_demo)  # after the complaints demo (hooks.py) has its cases
