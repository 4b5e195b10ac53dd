from django.core.management.base import BaseCommand
from django.db import transaction

from cpsplatform.demodata import discover_seeders


class Command(BaseCommand):
    help = "Load deterministic, idempotent demo data from every app's demo module."

    def handle(self, *args, **options):
        for order, label, seed in discover_seeders():
            self.stdout.write(f"Seeding {label} ({order})…")
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
