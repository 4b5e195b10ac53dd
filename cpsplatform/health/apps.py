from django.apps import AppConfig


class HealthConfig(AppConfig):
    """``/healthz``: the state of the database, the channel layer and Elasticsearch, for load balancers."""

    name = "cpsplatform.health"
    label = "health"
    verbose_name = "Health"
