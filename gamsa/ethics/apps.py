from django.apps import AppConfig


class EthicsConfig(AppConfig):
    name = "gamsa.ethics"
    label = "ethics"
    verbose_name = "공직윤리(재산등록·고지거부·취업제한·윤리위원회)"

    def ready(self):
        from gamsa.ethics import hooks  # noqa: F401  (navigation, work items, attachment rule, verbs, demo)
