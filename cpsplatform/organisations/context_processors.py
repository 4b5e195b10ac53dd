from django.utils.functional import SimpleLazyObject


def active_organisation(request):
    """The organisation the user acts for, and the kinds of all their organisations (for the workspace menu).

    Both come from the request's actor, lazily: a page that never shows them costs no query, a page that shows
    both costs one.
    """
    actor = getattr(request, "actor", None)
    membership = getattr(request, "active_membership", None)
    return {
        "active_membership": membership if membership else None,
        "active_organisation": membership.organisation if membership else None,
        "member_kinds": SimpleLazyObject(lambda: actor.member_kinds if actor is not None else frozenset()),
    }
