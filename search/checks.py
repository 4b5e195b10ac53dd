"""System checks for the search configuration (stable ids ``search.E001``...)."""

from django.conf import settings
from django.core.checks import Error, register


@register("search")
def check_index_prefix(app_configs, **kwargs):
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "")
    if not prefix or prefix != prefix.lower() or any(ch in prefix for ch in ' ,"*\\/<>|?#'):
        return [
            Error(
                "ELASTICSEARCH_INDEX_PREFIX must be a non-empty lower-case index name prefix.",
                id="search.E001",
            )
        ]
    return []
