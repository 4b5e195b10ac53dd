from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "cpsplatform.home"
    label = "home"
    verbose_name = "Home"
