from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from thanthien.audit.services import audit_record
from thanthien.core.admin import ReadOnlyAdmin

from .models import OneTimeCode, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Superusers manage staff logins here; roles are granted in units.StaffRole."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Staff member"), {"fields": ("full_name", "position", "phone", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "full_name", "position", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "full_name", "email", "phone")

    def save_model(self, request, obj, form, change):
        # The admin bypasses services: record the change in the audit trail here.
        fields = [name for name in form.changed_data if name != "password"]
        old = {name: form.initial.get(name) for name in fields} if change else None
        super().save_model(request, obj, form, change)
        new = {name: getattr(obj, name) for name in fields if name not in {"groups", "user_permissions"}}
        if "password" in form.changed_data or "password1" in form.changed_data:
            new["password"] = "(changed)"  # noqa: S105 — a marker, not a password
        audit_record(
            actor=request.user,
            action="user.changed" if change else "user.created",
            obj=obj,
            old=old,
            new=new,
            note="admin",
        )


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(ReadOnlyAdmin):
    list_display = ("phone", "purpose", "created_at", "expires_at", "attempts", "used_at")
    exclude = ("code_hash",)
    search_fields = ("phone",)
