from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "gamsa.core"
    label = "core"
    verbose_name = "조직·사람·달력·기록"

    def ready(self):
        from django.core import checks

        from gamsa.core.pdf import check_font_subsetter
        from gamsa.core.seeds import reseed_reference_data

        checks.register(check_font_subsetter)

        post_migrate.connect(reseed_reference_data, sender=self, dispatch_uid="gamsa.reseed_reference_data")
