import pytest
from django.core.exceptions import ValidationError

from quiver.library.models import AssetType
from quiver.taxonomy import services
from quiver.taxonomy.models import FacetField, FacetValue
from quiver.taxonomy.seed import FIELDS

from .conftest import value


def test_seeded_fields_in_order_with_values(db):
    fields = list(FacetField.objects.order_by("position"))
    assert [f.name for f in fields] == [
        "Asset type",
        "Topic",
        "Product",
        "Industry",
        "Persona",
        "Sales stage",
        "Region",
        "Competitor",
        "Language",
    ]
    assert not FacetField.objects.get(slug="asset-type").multi_select
    assert set(FacetValue.objects.filter(field__slug="asset-type").values_list("slug", flat=True)) == set(
        AssetType.values
    )
    assert value("region", "DACH").parent == value("region", "EMEA")
    assert list(
        FacetValue.objects.filter(field__slug="sales-stage").order_by("position").values_list("name", flat=True)
    )[:3] == ["Prospecting", "Discovery", "Evaluation"]
    assert all(v.color for v in FacetValue.objects.filter(field__slug="asset-type"))
    assert FacetField.objects.get(slug="competitor").required_for == ["battlecard"]
    assert len(FIELDS) == FacetField.objects.count()


def test_seed_is_idempotent(db):
    from quiver.taxonomy.seed import seed

    before = FacetValue.objects.count()
    seed(FacetField, FacetValue)
    assert FacetValue.objects.count() == before


@pytest.mark.parametrize(
    "color,ok",
    [
        ("#1f6feb", True),
        ("#ABCDEF", True),
        ("", True),
        ("red", False),
        ("#12345", False),
        ("#1234567", False),
        ("#12345g", False),
        ("javascript:", False),
    ],
)
def test_colors_are_validated(admin_user, color, ok):
    field = FacetField.objects.get(slug="topic")
    if ok:
        assert services.create_value(admin_user, field, name="New", color=color).color == color
    else:
        with pytest.raises(ValidationError):
            services.create_value(admin_user, field, name="New", color=color)
        assert not field.values.filter(name="New").exists()


def test_hierarchy_parent_must_be_same_field_and_acyclic(admin_user):
    emea, dach = value("region", "EMEA"), value("region", "DACH")
    with pytest.raises(ValidationError):
        services.create_value(admin_user, FacetField.objects.get(slug="topic"), name="X", parent=emea)
    with pytest.raises(ValidationError):
        services.update_value(admin_user, emea, parent=dach)  # EMEA below its own child
    with pytest.raises(ValidationError):
        services.update_value(admin_user, emea, parent=emea)
    sub = services.create_value(admin_user, emea.field, name="Munich", parent=dach)
    assert sub.parent == dach and sub.slug == "munich"


def test_required_for_only_known_asset_types(admin_user):
    field = FacetField.objects.get(slug="topic")
    with pytest.raises(ValidationError):
        services.update_field(admin_user, field, required_for=["deck", "spaceship"])
    services.update_field(admin_user, field, required_for=["whitepaper", "deck", "deck"])
    field.refresh_from_db()
    assert field.required_for == ["deck", "whitepaper"]


def test_field_create_slug_and_unique(admin_user):
    field = services.create_field(admin_user, name="Deal size", multi_select=False)
    assert field.slug == "deal-size" and field.position > FacetField.objects.get(slug="language").position
    with pytest.raises(ValidationError):
        services.create_field(admin_user, name="Deal size")
