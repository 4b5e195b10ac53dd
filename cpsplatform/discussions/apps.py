from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "cpsplatform.discussions"
    label = "discussions"
    verbose_name = "Discussions"
