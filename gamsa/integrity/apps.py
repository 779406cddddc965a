from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "gamsa.integrity"
    label = "integrity"
    verbose_name = "청렴(서약·교육·공한문·진단평가·모니터링·행사·보고회)"

    def ready(self):
        from gamsa.integrity import hooks  # noqa: F401  (menu, 내 업무, imports, attachment rules, demo, retention)
