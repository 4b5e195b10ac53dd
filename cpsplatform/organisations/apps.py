from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cpsplatform.organisations"
    label = "organisations"
    verbose_name = "Organisations"
