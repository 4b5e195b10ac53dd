from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def create_cache_table(using: str = "default", **kwargs) -> None:
    """Without Redis the rate-limit counters live in a database cache table; ``migrate`` creates it (idempotent).

    ``createcachetable`` is not a migration, so this runs after every ``migrate`` (``make run``, deployments and
    the test database alike) and does nothing when the cache is Redis or the table exists.
    """
    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    #: This module also holds ``StaffUsersAppConfig``; Django takes this one for "cpsplatform.accounts".
    default = True
    name = "cpsplatform.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="cpsplatform.create_cache_table")
        from . import receivers

        receivers.connect()


class StaffUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user screens with the platform's staff roles (``wagtail_users``); replaces ``wagtail.users``."""

    user_viewset = "cpsplatform.accounts.wagtail_users.StaffUserViewSet"
