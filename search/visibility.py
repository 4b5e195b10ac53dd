"""Who may see which need, as an Elasticsearch filter.

``marketplace.selectors.needs_visible_to`` is THE rule; this module states the same rule over the fields the
need documents carry (``visibility``, ``owner_org``, ``invited_orgs``), so search can page and count correctly.
Result pages additionally re-check the hits of a page against the selector (``keep_visible_need_ids``): a
document that is out of date can therefore never show a need to someone who may not see it.
"""

from __future__ import annotations

from typing import Any

from cpsplatform.organisations.actor import Actor
from marketplace import permissions, selectors


def need_visibility_filter(actor: Actor) -> dict[str, Any] | None:
    """An ES filter for the needs ``actor`` may see; None means all (staff)."""
    if actor.is_staff:
        return None
    allowed: list[dict[str, Any]] = [{"term": {"visibility": "public"}}]
    org = actor.organisation
    if org is not None:
        org_id = str(org.pk)
        allowed.append({"term": {"owner_org": org_id}})
        allowed.append(
            {
                "bool": {
                    "filter": [
                        {"terms": {"visibility": ["invite_only", "confirmed_vendors"]}},
                        {"term": {"invited_orgs": org_id}},
                    ]
                }
            }
        )
        if permissions.is_confirmed_vendor(org):
            allowed.append({"term": {"visibility": "confirmed_vendors"}})
    return {"bool": {"should": allowed, "minimum_should_match": 1}}


def keep_visible_need_ids(actor: Actor, ids: list[str]) -> set[str]:
    """The subset of ``ids`` the database says the viewer may see (one query)."""
    pks = [int(pk) for pk in ids if str(pk).isdigit()]
    if not pks:
        return set()
    visible = selectors.needs_visible_to(actor).filter(pk__in=pks).values_list("pk", flat=True)
    return {str(pk) for pk in visible}
