"""Seed the taxonomy: Asset type, Topic, Product, Industry, Persona, Sales stage, Region, Competitor, Language."""

from django.db import migrations


def seed(apps, schema_editor):
    from quiver.taxonomy.seed import seed as run

    FacetValue = apps.get_model("taxonomy", "FacetValue")
    run(apps.get_model("taxonomy", "FacetField"), FacetValue)
    # Assets that already exist get their automatic facets (asset type and language).
    AssetFacetValue, Asset = apps.get_model("taxonomy", "AssetFacetValue"), apps.get_model("library", "Asset")
    values = {(v.field.slug, v.slug): v.pk for v in FacetValue.objects.filter(
        field__slug__in=["asset-type", "language"]).select_related("field")}
    rows = []
    for pk, asset_type, language in Asset.objects.values_list("pk", "asset_type", "language").iterator():
        for key in (("asset-type", asset_type), ("language", language)):
            if key in values:
                rows.append(AssetFacetValue(asset_id=pk, value_id=values[key], source="automatic"))
    AssetFacetValue.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
