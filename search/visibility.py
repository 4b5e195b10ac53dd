"""Who may see which need, as an Elasticsearch filter.

``marketplace.selectors.needs_visible_to`` is THE rule; this module states the same rule over the fields the
need documents carry (``visibility``, ``owner_org``, ``invited_orgs``), so search can page and count correctly.
Result pages additionally re-check the hits of a page against the selector (``keep_visible_need_ids``): a
document that is out of date can therefore never show a need to someone who may not see it.
"""

from __future__ import annotations

from typing import Any

from elasticsearch_dsl import Q

from cpsplatform.organisations.actor import Actor
from marketplace import permissions, selectors


def need_visibility_query(actor: Actor) -> Q | None:
    """An ES filter for the needs ``actor`` may see; None means all (staff)."""
    if actor.is_staff:
        return None
    allowed = [Q("term", visibility="public")]
    org = actor.organisation
    if org is not None:
        org_id = str(org.pk)
        allowed.append(Q("term", owner_org=org_id))
        allowed.append(
            Q(
                "bool",
                filter=[
                    Q("terms", visibility=["invite_only", "confirmed_vendors"]),
                    Q("term", invited_orgs=org_id),
                ],
            )
        )
        if permissions.is_confirmed_vendor(org):
            allowed.append(Q("term", visibility="confirmed_vendors"))
    return Q("bool", should=allowed, minimum_should_match=1)


def need_visibility_filter(actor: Actor) -> dict[str, Any] | None:
    """``need_visibility_query`` as a plain dict, for request bodies built without the DSL (``matching``)."""
    query = need_visibility_query(actor)
    return None if query is None else query.to_dict()


def keep_visible_need_ids(actor: Actor, ids: list[str]) -> set[str]:
    """The subset of ``ids`` the database says the viewer may see (one query)."""
    pks = [int(pk) for pk in ids if str(pk).isdigit()]
    if not pks:
        return set()
    visible = selectors.needs_visible_to(actor).filter(pk__in=pks).values_list("pk", flat=True)
    return {str(pk) for pk in visible}
