from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cpsplatform.audit"
    label = "audit"
    verbose_name = "Audit trail"
