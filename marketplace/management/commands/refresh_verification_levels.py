from django.core.management.base import BaseCommand

from marketplace.services.needs import do_expire_needs
from marketplace.services.verification import do_refresh_all_verification_levels


class Command(BaseCommand):
    help = (
        "Recompute every listing's stored verification level (records expire with time) and close open needs "
        "whose time ran out. Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-needs", action="store_true", help="Only refresh verification levels.")

    def handle(self, *args, **options):
        changed = do_refresh_all_verification_levels()
        self.stdout.write(f"Verification levels changed: {changed}")
        if not options["skip_needs"]:
            expired = do_expire_needs()
            self.stdout.write(f"Needs expired: {expired}")
