from django.contrib import admin

from gamsa.core.models import (
    AccessLog,
    Agency,
    ApiToken,
    Closure,
    DeadlineRule,
    Event,
    Membership,
    OrgUnit,
    User,
)
from gamsa.core.services import log_access


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "open311_jurisdiction_id"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "path", "office_team", "active"]
    list_filter = ["kind", "active", "office_team"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "full_name", "kind", "unit", "grade", "position", "is_active"]
    list_filter = ["kind", "is_active", "grade"]
    search_fields = ["username", "full_name", "employee_number"]
    exclude = ["password", "user_permissions", "groups"]
    inlines = [MembershipInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        person = self.get_object(request, object_id)
        if person is not None and person.pk != request.user.pk:
            log_access(
                request.user, person, ["성명", "연락처", "이메일"], request=request, reason="관리 화면"
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "basis"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "label", "amount", "unit", "method", "basis", "confidence", "active"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "target_type", "target_id"]
    list_filter = ["verb"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(EventAdmin):
    list_display = ["at", "user_label", "action", "target_type", "target_id", "path"]
    list_filter = ["action"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash"]
