"""Staff views of discussions in the Django admin: read-only lists, and changes only through the services (so the
audit trail and the live kick of removed members happen as everywhere else)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Channel, ChannelMember, MessageReport


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ChannelMemberInline(admin.TabularInline):
    model = ChannelMember
    fk_name = "channel"
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "slug", "last_seq", "created_at", "archived_at"]
    list_filter = ["kind", "archived_at"]
    search_fields = ["name", "slug", "key"]
    inlines = [ChannelMemberInline]
    actions = ["archive"]

    @admin.action(
        description=_("Archive the selected channels (read-only from then on)"), permissions=["archive"]
    )
    def archive(self, request, queryset) -> None:
        for channel in queryset:
            services.do_archive_channel(channel, archived_by=request.user)
        self.message_user(request, _("Archived."), messages.SUCCESS)

    def has_archive_permission(self, request) -> bool:
        return request.user.is_staff


@admin.register(MessageReport)
class MessageReportAdmin(ReadOnlyAdmin):
    list_display = ["message", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = ["resolved_at"]
    list_select_related = ["message", "message__channel", "reporter"]
