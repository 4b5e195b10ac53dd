from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "cpsplatform.discussions"
    label = "discussions"
    verbose_name = "Discussions"

    def ready(self) -> None:
        from . import notification_kinds, receivers  # noqa: F401 - receivers connects the membership receivers

        notification_kinds.register_kinds()
