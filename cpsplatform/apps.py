from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core app: management commands (seed_demo, elasticsearch), system checks and health."""

    name = "cpsplatform"
    label = "cpsplatform"
    verbose_name = "Platform core"

    def ready(self) -> None:
        from cpsplatform import checks  # noqa: F401  (registers the system checks)
