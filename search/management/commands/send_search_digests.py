from django.core.management.base import BaseCommand

from search.services import do_send_digests


class Command(BaseCommand):
    help = "E-mail every due saved search its new fitting needs (run daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="send every active search now, due or not")

    def handle(self, *args, **options):
        run = do_send_digests(force=options["force"])
        self.stdout.write(
            f"digests sent: {run.sent}, nothing new: {run.skipped}, deferred (search down): {run.deferred}"
        )
