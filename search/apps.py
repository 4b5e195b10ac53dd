from importlib.util import find_spec

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search import checks, receivers  # noqa: F401  (checks register themselves)

        if find_spec("marketplace.models") is not None:  # TEMPORARY until the marketplace lands on main
            receivers.connect()
