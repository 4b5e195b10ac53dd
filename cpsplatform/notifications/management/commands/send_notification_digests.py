from django.core.management.base import BaseCommand

from cpsplatform.notifications.services import do_send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person who chose the daily digest the notifications waiting for it (run it once a day, e.g. "
        "from the daily timer). Safe to run twice or from two machines: every notification is mailed once."
    )

    def handle(self, *args, **options):
        sent = do_send_digests()
        self.stdout.write(f"{sent} notification digest(s) sent.")
