from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "cpsplatform.discussions"
    label = "discussions"
    verbose_name = "Discussions"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the membership receivers
