from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "gamsa.hotline"
    label = "hotline"
    verbose_name = "청렴톡(익명 신고)"

    def ready(self):
        from gamsa.hotline import hooks  # noqa: F401  (navigation, demo data, reference data)
