from importlib import import_module

from django.apps import AppConfig

# Each concept's hooks (menu entries, '내 업무' providers, attachment rules, demo), in this order: the desk lists
# items of equal due time in the order their providers were registered.
CONCEPT_HOOKS = (
    "gamsa.complaints.grievances.approvals",  # answers and internal closures go through 결재
    "gamsa.complaints.grievances.hooks",
    "gamsa.complaints.io.hooks",
    "gamsa.complaints.reports.hooks",
    "gamsa.complaints.taxpayer.hooks",
    "gamsa.complaints.protection.hooks",
    "gamsa.complaints.petitions.hooks",
    "gamsa.complaints.committee.hooks",
)


class ComplaintsConfig(AppConfig):
    """One app, one label (`complaints`), one package per concept (docs/adr/0027-per-concept-packages.md):
    grievances, petitions, committee, reports, taxpayer, protection and io. `models.py` imports every concept's
    models so that they register under this label; `ready` plugs every concept's hooks into core."""

    name = "gamsa.complaints"
    label = "complaints"
    verbose_name = "고충민원·청원·공익신고"

    def ready(self):
        from gamsa.core import demo

        for module in CONCEPT_HOOKS:
            import_module(module)
        approvals = import_module("gamsa.complaints.grievances.approvals")
        if approvals.load_demo not in demo.DEMO_HOOKS:
            demo.DEMO_HOOKS.append(
                approvals.load_demo
            )  # after the grievance demo (grievances/hooks.py) has its cases
