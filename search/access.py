from cpsplatform.access import Public

ACCESS_RULES = {
    # Anyone may search; results are filtered by what the viewer may see (needs' visibility rule).
    "search:search": Public(),
}
