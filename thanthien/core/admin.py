"""Admin helpers shared by every app.

:class:`ScopedAdmin` keeps the Django admin inside the tenancy rules: a non-superuser sees and
touches only rows of unit-owned models inside their scope, and foreign keys to units offer only
units in scope. Remember that the admin bypasses services (and so the audit trail): give
staff the admin only for reference data, and do day-to-day writes through the app's pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .tenancy import UnitOwned, ensure_in_scope, scope_for


class ScopedAdmin(admin.ModelAdmin):
    """ModelAdmin for unit-owned models: queryset and object access limited to the scope."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        if issubclass(self.model, UnitOwned):
            qs = qs.for_actor(request.user)
        return qs

    def _obj_in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None or not isinstance(obj, UnitOwned):
            return True
        return scope_for(request.user).covers(obj.owner_unit_id())

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._obj_in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._obj_in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._obj_in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        from thanthien.units.models import AdminUnit

        scope = scope_for(request.user)
        if db_field.related_model is AdminUnit and not scope.everything:
            kwargs["queryset"] = AdminUnit.objects.filter(pk__in=scope.unit_ids)
        elif issubclass(db_field.related_model, UnitOwned) and not scope.everything:
            kwargs["queryset"] = db_field.related_model.objects.for_actor(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if isinstance(obj, UnitOwned):
            ensure_in_scope(request.user, obj.owner_unit_id())
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Superusers may look; nobody may add, change or delete (append-only records)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
