from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core app: settings-level system checks and the project-wide templates and translations."""

    name = "cpsplatform"
    label = "cpsplatform"
    verbose_name = "Platform core"

    def ready(self) -> None:
        # Registers the system checks, and the receiver that rebuilds the client when tests override settings.
        from cpsplatform import checks, elasticsearch_client  # noqa: F401
