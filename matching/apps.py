from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from events import matchmaking
        from matching import panels, people

        panels.connect()
        # Events ranks 'people to meet' with the engine, which falls back to overlap when Elasticsearch does not
        # answer. (Elasticsearch is always configured: ELASTICSEARCH_HOSTS is never empty, so no check here.)
        matchmaking.set_default_source(people.engine_source)
