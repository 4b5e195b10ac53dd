from django.db import migrations, models
from django.db.models import F


def record_seed_of_past_draws(apps, schema_editor):
    """Lotteries drawn before the seed was recorded with the result used the (then frozen) published seed."""
    Event = apps.get_model("events", "Event")
    Event.objects.filter(lottery_drawn_at__isnull=False).update(lottery_drawn_seed=F("lottery_seed"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="lottery_drawn_seed",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(record_seed_of_past_draws, migrations.RunPython.noop),
    ]
