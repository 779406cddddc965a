from django.apps import AppConfig

# Each concept's hooks, in this order (ADR 0027): the cases (this package's root) and the bulletins.
CONCEPT_HOOKS = ("gamsa.investigations.hooks", "gamsa.investigations.bulletins.hooks")


class InvestigationsConfig(AppConfig):
    name = "gamsa.investigations"
    label = "investigations"
    verbose_name = "조사(비위 조사·비위 사례 공유)"

    def ready(self):
        from importlib import import_module

        for module in CONCEPT_HOOKS:  # navigation, work items, attachment rules, verbs, demo
            import_module(module)
