"""Seed the bilingual table of security categories, one row per ``cpsplatform.taxonomy.SecurityCategory`` member.
Staff maintain the wording afterwards in the Wagtail admin; the slugs are stable keys."""

from django.db import migrations

from marketplace.categories import seed_security_categories


def seed(apps, schema_editor):
    seed_security_categories(apps.get_model("marketplace", "SecurityCategory"))


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
