from django.contrib import admin

from gamsa.investigations.models import AllegationType


@admin.register(AllegationType)
class AllegationTypeAdmin(admin.ModelAdmin):
    """Allegation types are data: an administrator may add one or change its 징계시효 ground. Cases are sealed
    and are not in the admin at all."""

    list_display = ("label", "code", "ground", "active", "sort_order", "effective_from")
    list_editable = ("active", "sort_order")
