"""The library root and the two default groups: Marketing edits everything, Sales views everything."""

from django.db import migrations


def forwards(apps, schema_editor):
    Collection = apps.get_model("library", "Collection")
    Grant = apps.get_model("library", "CollectionGrant")
    Group = apps.get_model("auth", "Group")
    root, created = Collection.objects.get_or_create(parent=None, name="Library",
                                                     defaults={"description": "Every asset of the library."})
    if created or not root.path:
        root.path, root.depth = f"/{root.pk}/", 0
        root.save()
    marketing, _ = Group.objects.get_or_create(name="Marketing")
    sales, _ = Group.objects.get_or_create(name="Sales")
    Grant.objects.get_or_create(collection=root, group=marketing, level="edit")
    Grant.objects.get_or_create(collection=root, group=sales, level="view")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
