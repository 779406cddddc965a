from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "gamsa.core"
    label = "core"
    verbose_name = "조직·사람·달력·기록"

    def ready(self):
        from gamsa.core.seeds import reseed_reference_data

        post_migrate.connect(reseed_reference_data, sender=self, dispatch_uid="gamsa.reseed_reference_data")
