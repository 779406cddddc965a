from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "gamsa.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2"

    def ready(self):
        from gamsa.open311 import hooks  # noqa: F401  (navigation, work items, demo data, verb labels)
