from django.contrib import admin

from gamsa.open311.models import ApiKey, ServiceAttribute


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ("item", "order", "code", "datatype", "required", "description")
    list_filter = ("datatype", "required")
    search_fields = ("code", "description", "item__name", "item__code")
    autocomplete_fields = ()
    raw_id_fields = ("item",)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Read-only here: keys are issued with `gamsa open311 create-key` and revoked there or on /open311/keys/."""

    list_display = ("name", "prefix", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("name", "prefix", "user", "created_by", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
