from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("library", "0002_root_and_groups")]

    operations = [
        migrations.AddField(
            model_name="assetversion",
            name="steps",
            field=models.JSONField(blank=True, default=list,
                                   help_text="Ingest steps: [{step, status, seconds, detail}]"),
        ),
    ]
