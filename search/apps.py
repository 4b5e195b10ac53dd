from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search import checks, discussions_receivers, receivers  # noqa: F401  (checks register themselves)

        receivers.connect()
