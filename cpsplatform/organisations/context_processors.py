def active_organisation(request):
    membership = getattr(request, "active_membership", None)
    return {
        "active_membership": membership if membership else None,
        "active_organisation": membership.organisation if membership else None,
    }
