from django.core.management.base import BaseCommand

from marketplace.notifications import do_send_reminders


class Command(BaseCommand):
    help = (
        "Notify vendors of confirmed verifications expiring within 30 days and need owners of open needs closing "
        "within 7 days (run it daily). Each reminder goes once, however often it runs."
    )

    def handle(self, *args, **options):
        created = do_send_reminders()
        self.stdout.write(f"{created} reminder notification(s) created.")
