"""Discussions in the staff admin: channels and message reports are read-only, and the one staff operation,
archiving a channel, goes through ``services.do_archive_channel`` (audit trail, live update to members)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from cpsplatform.staff_admin import (
    ReadOnlyViewSet,
    Screen,
    StaffMenu,
    StaffModelPermissionPolicy,
    read_only_viewset,
)

from . import services
from .models import Channel, MessageReport


class ArchiveOnlyPolicy(StaffModelPermissionPolicy):
    """Staff may list channels and archive them (``change``); channels are created and deleted by the site."""

    def user_has_permission(self, user, action):
        return action in {"view", "change"} and super().user_has_permission(user, action)


register_permission_policy(Channel, ArchiveOnlyPolicy(Channel), exact_class=True)


class ChannelArchiveForm(forms.ModelForm):
    """No field of the channel is edited here; the only choice is to archive it."""

    archive = forms.BooleanField(
        label=_("Archive this channel (read-only from then on)"),
        required=False,
    )

    class Meta:
        model = Channel
        fields: list[str] = []


class ChannelArchiveView(generic.EditView):
    def save_instance(self):
        if self.form.cleaned_data.get("archive"):
            return services.do_archive_channel(self.object, archived_by=self.request.user)
        return self.object


class ChannelViewSet(ReadOnlyViewSet):
    model = Channel
    icon = "comment"
    menu_label = _("Channels")
    list_display = ["name", "kind", "slug", "last_seq", "created_at", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "key"]
    edit_view_class = ChannelArchiveView

    def get_form_class(self, for_update=False):
        return ChannelArchiveForm


REPORTS = read_only_viewset(
    Screen("discussion_reports", MessageReport, "warning", _("Message reports")),
    list_display=["message", "reporter", "reason", "created_at", "resolved_at"],
    search_fields=["reason"],
    default_ordering="-created_at",
)


@hooks.register("register_admin_viewset")
def register_discussions_viewsets():
    return StaffMenu(_("Discussions"), "comment", 400, ChannelViewSet("discussion_channels"), REPORTS)
