from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indexoutbox",
            name="kind",
            field=models.CharField(
                choices=[
                    ("listings", "Solution listings"),
                    ("needs", "Needs"),
                    ("events", "Events"),
                    ("messages", "Discussion messages"),
                ],
                max_length=16,
            ),
        ),
    ]
