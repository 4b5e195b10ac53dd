from datetime import timedelta

from django.core.management.base import BaseCommand

from cpsplatform.discussions.digests import DIGEST_DELAY, do_send_mention_digests


class Command(BaseCommand):
    help = "E-mail people who were away the mentions they have not read yet (run it every few minutes, e.g. cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delay-minutes",
            type=int,
            default=int(DIGEST_DELAY.total_seconds() // 60),
            help="only mentions at least this old (they may still be read in the page meanwhile)",
        )

    def handle(self, *args, delay_minutes: int, **options):
        sent = do_send_mention_digests(delay=timedelta(minutes=max(0, delay_minutes)))
        self.stdout.write(f"{sent} mention digest(s) sent.")
