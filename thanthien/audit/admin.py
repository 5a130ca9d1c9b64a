from django.contrib import admin

from thanthien.core.admin import ReadOnlyAdmin

from .models import AuditChainHead, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "unit", "action", "object_label")
    list_filter = ("action",)
    search_fields = ("action", "actor_label", "object_label", "object_id")
    list_select_related = ("unit",)
    date_hierarchy = "at"
    ordering = ("-seq",)


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ("count", "last_id", "last_hash")
