"""Staff see what still waits to reach the search index (and why, if Elasticsearch refused it)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from search.models import IndexOutbox


class IndexOutboxViewSet(ModelViewSet):
    model = IndexOutbox
    icon = "resubmit"
    menu_label = _("Search sync queue")
    add_to_admin_menu = True
    list_display = ["kind", "object_id", "attempts", "last_error", "created_at"]
    list_filter = ["kind"]
    form_fields = ["attempts"]
    inspect_view_enabled = True
    #: One row per change waiting for the worker: not worth a reference-index scan on every save.
    add_to_reference_index = False


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return IndexOutboxViewSet("search_outbox")
