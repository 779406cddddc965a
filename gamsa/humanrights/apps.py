from django.apps import AppConfig


class HumanRightsConfig(AppConfig):
    name = "gamsa.humanrights"
    label = "humanrights"
    verbose_name = "인권(인권보장 및 증진)"

    def ready(self):
        from gamsa.humanrights import hooks  # noqa: F401  (navigation, work items, verbs, attachment rules, demo)
