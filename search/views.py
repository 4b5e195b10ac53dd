from django.shortcuts import render

from search.forms import SearchForm
from search.queries import SearchParams, SearchUnavailable, search_site


def search(request):
    """The public search page. Bad filter values are reported next to the form and left out of the search; the
    words typed are always kept. When Elasticsearch is down the page says so and keeps the form filled in."""
    form = SearchForm(request.GET or None)
    params = SearchParams()
    if form.is_bound:
        form.is_valid()
        params = form.params()
    page = None
    unavailable = False
    try:
        page = search_site(params, request.user, getattr(request, "active_organisation", None))
    except SearchUnavailable:
        unavailable = True
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "page": page,
            "params": params,
            "unavailable": unavailable,
            "query_string": query.urlencode(),
        },
    )
