from django.utils.functional import SimpleLazyObject


def active_organisation(request):
    """The organisation the user acts for, and the kinds of all their organisations (for the workspace menu).

    Both are lazy: a page that never shows them costs no query.
    """
    membership = getattr(request, "active_membership", None)
    user = getattr(request, "user", None)

    def member_kinds() -> frozenset[str]:
        if user is None or not user.is_authenticated:
            return frozenset()
        return frozenset(user.memberships.values_list("organisation__kind", flat=True))

    return {
        "active_membership": membership if membership else None,
        "active_organisation": membership.organisation if membership else None,
        "member_kinds": SimpleLazyObject(member_kinds),
    }
