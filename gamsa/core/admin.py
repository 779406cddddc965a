"""The Django admin for system administrators. Every save goes through the services, so it is in the event log."""

from django.contrib import admin

from gamsa.core import services, site
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


def _changed(form, fields) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in fields}


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "open311_jurisdiction_id"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        site.forget()  # the footer's address and telephone show the change at once


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "path", "office_team", "active"]
    list_filter = ["kind", "active", "office_team"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        if change:
            fresh = OrgUnit.objects.get(pk=obj.pk)
            services.update_unit(request.user, fresh, **_changed(form, services.UNIT_FIELDS))
        else:
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k in services.UNIT_FIELDS and k not in ("code", "name", "kind", "parent")
            }
            saved = services.create_unit(
                request.user,
                agency=obj.agency,
                parent=obj.parent,
                code=obj.code,
                name=obj.name,
                kind=obj.kind,
                **data,
            )
            obj.pk, obj.path = saved.pk, saved.path
        site.forget()

    def has_delete_permission(self, request, obj=None):
        return False  # units are deactivated (active = False), never deleted


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]

    def has_delete_permission(self, request, obj=None):
        return False  # end a role with `ended_on` so the history stays


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "full_name", "kind", "unit", "grade", "position", "is_active"]
    list_filter = ["kind", "is_active", "grade"]
    search_fields = ["username", "full_name", "employee_number"]
    fields = ["username", "is_active", "is_staff", *services.PERSON_FIELDS]
    inlines = [MembershipInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        person = self.get_object(request, object_id)
        if person is not None and person.pk != request.user.pk and request.method == "GET":
            services.log_access(
                request.user, person, ["성명", "연락처", "이메일"], request=request, reason="관리 화면"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        fields = (
            _changed(form, services.PERSON_FIELDS)
            if change
            else {k: v for k, v in form.cleaned_data.items() if k in services.PERSON_FIELDS}
        )
        if change:
            services.update_person(request.user, User.objects.get(pk=obj.pk), **fields)
            flags = {k: form.cleaned_data[k] for k in ("is_active", "is_staff") if k in form.changed_data}
            if flags:
                User.objects.filter(pk=obj.pk).update(**flags)
                services.record_event(request.user, "person.flags_changed", obj, **flags)
        else:
            saved = services.create_person(request.user, username=obj.username, **fields)
            obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        for membership_form in formset.forms:
            if not membership_form.has_changed() or not membership_form.is_valid():
                continue
            data = membership_form.cleaned_data
            if membership_form.instance.pk is None:
                services.add_membership(
                    request.user,
                    user=form.instance,
                    unit=data["unit"],
                    role=data["role"],
                    started_on=data.get("started_on"),
                )
            elif data.get("ended_on"):
                services.end_membership(request.user, membership_form.instance, data["ended_on"])


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "basis"]

    def save_model(self, request, obj, form, change):
        if change:
            services.remove_closure(request.user, Closure.objects.get(pk=obj.pk))
        saved = services.add_closure(
            request.user, date=obj.date, name=obj.name, kind=obj.kind, basis=obj.basis, note=obj.note
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.remove_closure(request.user, obj)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "label", "amount", "unit", "method", "basis", "confidence", "active"]

    def save_model(self, request, obj, form, change):
        if change:
            fields = _changed(
                form, {"label", "amount", "unit", "method", "basis", "confidence", "note", "active"}
            )
            services.update_deadline_rule(request.user, DeadlineRule.objects.get(pk=obj.pk), **fields)
        else:
            saved = services.create_deadline_rule(
                request.user, **{k: v for k, v in form.cleaned_data.items()}
            )
            obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # switch a rule off with `active` instead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "verb", "target_type", "target_id"]
    list_filter = ["verb"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user_label", "action", "target_type", "target_id", "path"]
    list_filter = ["action"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
