from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "gamsa.core.notices"
    label = "notices"
    verbose_name = "통지 발송"

    def ready(self):
        from gamsa.core.notices import hooks  # noqa: F401  (navigation, verb labels, demo)
