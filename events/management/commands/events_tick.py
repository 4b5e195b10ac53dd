from django.core.management.base import BaseCommand

from events.services.tick import do_tick


class Command(BaseCommand):
    help = (
        "Draw due lotteries, expire seat offers past their deadline (the seat moves on), send reminders and "
        "record no-shows. Safe to run from several processes at once; run it every minute."
    )

    def handle(self, *args, **options):
        report = do_tick()
        self.stdout.write(
            f"lotteries drawn: {report.lotteries_drawn}, offers expired: {report.offers_expired}, "
            f"reminders sent: {report.reminders_sent}, events closed: {report.events_closed}"
        )
