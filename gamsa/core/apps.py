from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gamsa.core"
    label = "core"
    verbose_name = "조직·사람·달력·기록"
