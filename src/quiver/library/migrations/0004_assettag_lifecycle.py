import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Asset.tags gets an explicit through model (who or what tagged), on the same table; lifecycle fields."""

    dependencies = [
        ("library", "0003_assetversion_steps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AssetTag",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("asset", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                    to="library.asset")),
                        ("tag", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="library.tag")),
                    ],
                    options={"db_table": "library_asset_tags", "unique_together": {("asset", "tag")}},
                ),
                migrations.AlterField(
                    model_name="asset",
                    name="tags",
                    field=models.ManyToManyField(blank=True, related_name="assets", through="library.AssetTag",
                                                 to="library.tag"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="assettag", name="source",
            field=models.CharField(choices=[("manual", "Manual"), ("automatic", "Automatic"), ("rule", "Rule")],
                                   default="manual", max_length=16),
        ),
        migrations.AddField(
            model_name="assettag", name="assigned_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="assettag", name="created_at",
            field=models.DateTimeField(auto_now_add=True, null=True),
        ),
    ]
