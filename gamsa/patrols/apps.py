from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    name = "gamsa.patrols"
    label = "patrols"
    verbose_name = "순찰·현장민원"

    def ready(self):
        from gamsa.patrols import hooks  # noqa: F401  (navigation, work items, demo data, verb labels)
