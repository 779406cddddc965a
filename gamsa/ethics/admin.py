from django.contrib import admin

from gamsa.ethics.models import DesignatedUnit


@admin.register(DesignatedUnit)
class DesignatedUnitAdmin(admin.ModelAdmin):
    """The units whose 5–7급 staff register (영 제3조⑥⑧) are data with dates; the ethics officer keeps them on the
    app's own screen, an administrator may correct them here. Declarants, filings, reviews and 고지거부 are
    personal data and are not in the admin."""

    list_display = ("unit", "field", "effective_from", "effective_to", "basis")
    list_filter = ("field",)
