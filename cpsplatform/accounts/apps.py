from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cpsplatform.accounts"
    label = "accounts"
    verbose_name = "Accounts"
