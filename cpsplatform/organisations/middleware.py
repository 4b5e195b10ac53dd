"""Puts who is asking on the request: ``request.actor`` (an ``Actor``), and for templates and older callers its
``request.active_membership`` and ``request.active_organisation``.

All three are lazy and share one read of the user's memberships: a request that never asks costs no query, one
that asks many times costs one.
"""

from django.utils.functional import SimpleLazyObject

from .actor import SESSION_KEY, Actor

__all__ = ["SESSION_KEY", "ActiveOrganisationMiddleware"]


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: Actor.for_request(request))
        request.active_membership = SimpleLazyObject(lambda: request.actor.membership)
        request.active_organisation = SimpleLazyObject(lambda: request.actor.organisation)
        return self.get_response(request)
