from django.apps import AppConfig
from django.conf import settings


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from events import matchmaking
        from matching import panels, people

        panels.connect()
        if settings.ELASTICSEARCH_HOSTS:
            # Events ranks 'people to meet' with the engine (overlap when Elasticsearch does not answer).
            matchmaking.set_default_source(people.engine_source)
