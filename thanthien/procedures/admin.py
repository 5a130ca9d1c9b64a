from django.contrib import admin

from .models import Field, Procedure, ProcedureComponent, ProcedureStep


class ComponentInline(admin.TabularInline):
    model = ProcedureComponent
    extra = 0


class StepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    """Read-only: changes go through the staff pages (services, validation, audit)."""

    list_display = ["code", "name", "field", "time_amount", "time_measure", "fee_amount", "is_published"]
    list_filter = ["field", "is_published", "online_level", "confidence"]
    search_fields = ["code", "search_text"]
    inlines = [ComponentInline, StepInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
