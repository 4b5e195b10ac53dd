from tests.access.rules import LoginRequired, Public, UserScoped


def _saved_search_of(user) -> dict:
    from search.models import SavedSearch

    saved = SavedSearch.objects.create(user=user, name="EDR", query="EDR")
    return {"pk": saved.pk}


ACCESS_RULES = {
    # Anyone may search; results are filtered by what the viewer may see (needs' visibility rule).
    "search:search": Public(),
    # A user's own saved searches; saving one needs an account (digests go to its e-mail address).
    "search:saved_searches": LoginRequired(methods=("GET", "POST")),
    "search:saved_search_delete": UserScoped(setup=_saved_search_of, methods=("POST",)),
}
