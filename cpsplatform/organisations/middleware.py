"""Puts the user's active organisation on the request (``request.active_organisation``)."""

from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_organisation_id"


def get_active_membership(request):
    """The membership the user chose to act as, else their first one; None for anonymous or org-less users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = user.memberships.select_related("organisation").order_by("joined_at", "pk")
    chosen = request.session.get(SESSION_KEY)
    if chosen:
        membership = memberships.filter(organisation_id=chosen).first()
        if membership:
            return membership
    return memberships.first()


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_membership = SimpleLazyObject(lambda: get_active_membership(request))
        request.active_organisation = SimpleLazyObject(
            lambda: request.active_membership.organisation if request.active_membership else None
        )
        return self.get_response(request)
