from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "thanthien.audit"
    label = "audit"
