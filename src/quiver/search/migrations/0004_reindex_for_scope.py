"""Documents now carry a `scope` (hand-filed and smart collections with their ancestors): queue every asset for
re-indexing. The worker drains the queue when it starts (search.tasks.update_index)."""

from django.db import migrations
from django.utils import timezone


def queue_everything(apps, schema_editor):
    Asset = apps.get_model("library", "Asset")
    PendingIndex = apps.get_model("search", "PendingIndex")
    now, batch = timezone.now(), []
    for pk in Asset.objects.values_list("pk", flat=True).iterator(chunk_size=5000):
        batch.append(PendingIndex(asset_id=pk, created_at=now))
        if len(batch) == 5000:
            PendingIndex.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    PendingIndex.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pending_index"), ("library", "0001_initial")]
    operations = [migrations.RunPython(queue_everything, migrations.RunPython.noop)]
