"""Search within the discussion channels the reader belongs to (``search:messages``).

The permission filter is part of the Elasticsearch query: the ids of ``channels_readable_by(user)``, read from the
database at the time of the search. Results are checked against the same list again before they are shown.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cpsplatform.discussions.selectors import channels_readable_by

from .discussions_queries import MAX_RESULT_WINDOW, search_messages
from .indexes import SearchUnavailable

logger = logging.getLogger(__name__)
PAGE_SIZE = 20
# Elasticsearch refuses to page past ``index.max_result_window`` (10,000 hits by default): a deeper page is a
# request error, not an outage, so it is answered here (404 with a message) instead of reaching the engine.
MAX_PAGE = 10_000 // PAGE_SIZE


@login_required
def messages(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:200]
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    readable = {channel.pk: channel for channel in channels_readable_by(request.user)}
    context = {"query": query, "hits": [], "total": 0, "page": page, "error": ""}
    status = 200
    if query and page > MAX_PAGE:
        context["error"] = _(
            "Only the first %(pages)d pages of results can be shown; please narrow the search."
        ) % {"pages": MAX_PAGE}
        status = 404
    elif query:
        try:
            found = search_messages(query, list(readable), size=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        except SearchUnavailable:
            logger.warning("Message search failed", exc_info=True)
            context["error"] = _("Search is unavailable right now. Please try again in a moment.")
            status = 503
        else:
            context["total"] = found["total"]
            context["hits"] = [
                {**hit, "channel": readable[hit["channel_id"]]}
                for hit in found["hits"]
                if hit["channel_id"] in readable
            ]
            context["has_next"] = page * PAGE_SIZE < min(found["total"], MAX_RESULT_WINDOW)
    return render(request, "discussions/search.html", context, status=status)
