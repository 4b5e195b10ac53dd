"""Saved searches and their e-mail digests of new fitting needs."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.links import site_url
from cpsplatform.organisations.actor import Actor
from search.models import DigestFrequency, SavedSearch
from search.queries import Result, SearchParams, SearchUnavailable, search_site

logger = logging.getLogger(__name__)

FILTER_KEYS = ("categories", "regions", "components", "layers")
DIGEST_INTERVAL = {
    DigestFrequency.DAILY: datetime.timedelta(days=1),
    DigestFrequency.WEEKLY: datetime.timedelta(days=7),
}


def params_of(saved: SavedSearch, *, created_after: datetime.datetime | None = None) -> SearchParams:
    filters = saved.filters or {}
    return SearchParams(
        q=saved.query,
        kind="needs",
        categories=[str(v) for v in filters.get("categories", [])],
        regions=[str(v) for v in filters.get("regions", [])],
        components=[str(v) for v in filters.get("components", [])],
        layers=[int(v) for v in filters.get("layers", []) if str(v).isdigit()],
        sort="newest",
        created_after=created_after,
    )


@transaction.atomic
def do_save_search(
    *, user, organisation, name: str, params: SearchParams, frequency: str = DigestFrequency.WEEKLY
) -> SavedSearch:
    """Save a needs search for ``user`` acting for ``organisation`` (which must be theirs, or None)."""
    if organisation is not None and not Actor.acting_for(user, organisation).acts_for(organisation):
        raise PermissionDenied(_("You may only save searches for your own organisation."))
    saved = SavedSearch.objects.create(
        user=user,
        organisation=organisation,
        name=name.strip()[:100] or params.q[:100] or _("My search"),
        query=params.q[:300],
        filters={
            "categories": params.categories,
            "regions": params.regions,
            "components": params.components,
            "layers": params.layers,
        },
        frequency=frequency,
        last_sent_at=timezone.now(),
    )
    log_action("search.saved_search.created", actor=user, organisation=organisation, subject=saved)
    return saved


@transaction.atomic
def do_delete_saved_search(saved: SavedSearch, *, user) -> None:
    if saved.user_id != user.pk:
        raise PermissionDenied(_("This saved search is not yours."))
    log_action(
        "search.saved_search.deleted", actor=user, organisation=saved.organisation, data={"name": saved.name}
    )
    saved.delete()


def new_needs_for(saved: SavedSearch, since: datetime.datetime) -> list[Result]:
    """Needs created after ``since`` that fit ``saved`` and its owner may see (first page, newest first)."""
    organisation = saved.organisation if saved.organisation_id else None
    return search_site(
        params_of(saved, created_after=since), Actor.acting_for(saved.user, organisation)
    ).results


@dataclass
class DigestRun:
    sent: int = 0
    skipped: int = 0
    deferred: int = 0


def due(saved: SavedSearch, now: datetime.datetime) -> bool:
    last = saved.last_sent_at or saved.created_at
    return now - last >= DIGEST_INTERVAL.get(saved.frequency, DIGEST_INTERVAL[DigestFrequency.WEEKLY])


def do_send_digests(now: datetime.datetime | None = None, *, force: bool = False) -> DigestRun:
    """Mail each due saved search's new fitting needs. A search whose digest could not be built (Elasticsearch
    down) keeps its ``last_sent_at``, so the next run sends those needs."""
    now = now or timezone.now()
    run = DigestRun()
    searches = SavedSearch.objects.filter(is_active=True, user__is_active=True).select_related(
        "user", "organisation"
    )
    for saved in searches:
        if not force and not due(saved, now):
            continue
        since = saved.last_sent_at or saved.created_at
        try:
            results = new_needs_for(saved, since)
        except SearchUnavailable:
            run.deferred += 1
            continue
        if results:
            _mail(saved, results)
            run.sent += 1
        else:
            run.skipped += 1
        SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=now)
    return run


def _mail(saved: SavedSearch, results: list[Result]) -> None:
    language = getattr(saved.user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "saved": saved,
            "results": results,
            "site_url": site_url(),
        }
        subject = _("New needs for your saved search “%(name)s”") % {"name": saved.name}
        body = render_to_string("search/digest_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [saved.user.email])
