"""Staff see suggestion feedback in the Wagtail admin (read it, filter it, export it)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cpsplatform.staff_admin import yes_no_column
from matching.models import MatchFeedback


class MatchFeedbackViewSet(ModelViewSet):
    model = MatchFeedback
    icon = "help"
    menu_label = _("Suggestion feedback")
    add_to_admin_menu = True
    #: Written on every click of "useful?": not worth a reference-index scan on each one.
    add_to_reference_index = False
    list_display = [
        "need",
        "listing",
        yes_no_column(MatchFeedback, "useful"),
        "rank",
        "score",
        "organisation",
        "updated_at",
    ]
    list_filter = ["useful"]
    list_export = ["need_id", "listing_id", "useful", "rank", "score", "updated_at"]
    search_fields = ["need__title", "listing__name_ja", "listing__name_en"]
    form_fields = ["useful"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return MatchFeedbackViewSet("match_feedback")
