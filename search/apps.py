from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import discussions_receivers  # noqa: F401 - indexes discussion messages through the core's signals
