from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    raw_id_fields = ["recipient", "actor"]
    search_fields = ["recipient__email", "kind"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    raw_id_fields = ["user"]
