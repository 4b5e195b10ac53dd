"""Demo data for search: rebuild the indexes after every other seeder has written its objects."""

from search.indexes import KINDS, UNAVAILABLE_ERRORS, get_client, is_available
from search.sync import reindex

#: After the marketplace (and any other app that writes indexed objects).
ORDER = 90


def seed(stdout) -> None:
    client = get_client(timeout=120)
    if not is_available(client):
        stdout.write("  Elasticsearch is not reachable: run `python manage.py search_reindex` once it is.")
        return
    for kind in KINDS:
        try:
            result = reindex(kind, client)
        except UNAVAILABLE_ERRORS as error:
            stdout.write(f"  {kind}: reindex failed ({error}); run `python manage.py search_reindex` later.")
            continue
        stdout.write(f"  {kind}: {result.documents} documents indexed")
