"""``manage.py verify``: the name the foundation issue asks for; same as ``audit_verify``."""

from .audit_verify import Command as AuditVerifyCommand


class Command(AuditVerifyCommand):
    pass
