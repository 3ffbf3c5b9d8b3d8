"""State changes of the taxonomy: facet fields and values (admins), and facet values on assets.

Services take plain arguments, validate, write audit entries and re-file smart collections; permission checks
and the transaction belong to the caller (views and API)."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Max

from quiver.core import audit, events
from quiver.library.models import Asset

from .models import AssetFacetValue, AssignmentSource, FacetField, FacetValue
from .smart import refile_assets

FIELD_FIELDS = ["name", "slug", "multi_select", "position", "description", "required_for"]
VALUE_FIELDS = ["name", "slug", "parent", "position", "color"]
# Facets that mirror an asset attribute: set automatically, not by hand (field slug -> Asset attribute).
AUTOMATIC_FIELDS = {"asset-type": "asset_type", "language": "language"}


# --- facet fields and values (admins) ------------------------------------------------------------------------


def _next_position(qs) -> int:
    return ((qs.aggregate(m=Max("position"))["m"] or 0) // 10 + 1) * 10


def create_field(
    actor,
    *,
    name: str,
    slug: str = "",
    multi_select: bool = True,
    position: int | None = None,
    description: str = "",
    required_for=(),
) -> FacetField:
    field = FacetField(
        name=" ".join(name.split()),
        slug=slug,
        multi_select=multi_select,
        description=description,
        required_for=list(required_for or []),
        position=_next_position(FacetField.objects) if position is None else position,
    )
    if not field.slug:
        field.slug = _slugify(field.name, "facet")
    field.full_clean()
    field.save()
    audit.record(actor, "facet.create", field, after=audit.snapshot(field, FIELD_FIELDS))
    return field


def update_field(actor, field: FacetField, **changes) -> FacetField:
    unknown = set(changes) - set(FIELD_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = audit.snapshot(field, FIELD_FIELDS)
    for name, value in changes.items():
        setattr(field, name, list(value or []) if name == "required_for" else value)
    if "name" in changes:
        field.name = " ".join(str(field.name).split())
    if not field.multi_select and before["multi_select"]:
        crowded = (
            AssetFacetValue.objects.filter(value__field=field)
            .values("asset_id")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        if crowded:
            raise ValidationError(
                {
                    "multi_select": f"{crowded} asset(s) have several values of {field.name}; "
                    "remove the extra values first."
                }
            )
    field.full_clean()
    field.save()
    after = audit.snapshot(field, FIELD_FIELDS)
    if after != before:
        audit.record(actor, "facet.update", field, before=before, after=after)
    return field


def create_value(
    actor,
    field: FacetField,
    *,
    name: str,
    slug: str = "",
    parent: FacetValue | None = None,
    position: int | None = None,
    color: str = "",
) -> FacetValue:
    value = FacetValue(
        field=field,
        name=" ".join(name.split()),
        slug=slug or _slugify(name, "value"),
        parent=parent,
        color=(color or "").strip(),
        position=_next_position(field.values) if position is None else position,
    )
    value.full_clean()
    value.save()
    audit.record(actor, "facet_value.create", value, after={"field": field.slug, **audit.snapshot(value, VALUE_FIELDS)})
    return value


def update_value(actor, value: FacetValue, **changes) -> FacetValue:
    unknown = set(changes) - set(VALUE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = audit.snapshot(value, VALUE_FIELDS)
    for name, new in changes.items():
        setattr(value, name, new if new is not None or name == "parent" else "")
    value.name = " ".join(str(value.name).split())
    value.full_clean()
    value.save()
    after = audit.snapshot(value, VALUE_FIELDS)
    if after != before:
        audit.record(actor, "facet_value.update", value, before=before, after=after)
    return value


def _slugify(text: str, fallback: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:80] or fallback


# --- facet values on assets ------------------------------------------------------------------------------------


def _asset_map(asset: Asset) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in (
        AssetFacetValue.objects.filter(asset=asset)
        .select_related("value__field")
        .order_by("value__field__position", "value__position", "value__name")
    ):
        out.setdefault(a.value.field.slug, []).append(a.value.name)
    return out


def resolve_values(values_by_field: dict) -> dict[FacetField, list[FacetValue]]:
    """{field slug or name: [value names or slugs]} -> model objects; unknown names are a ValidationError."""
    if not isinstance(values_by_field, dict):
        raise ValidationError("Facets are an object {field: [values]}.")
    fields = {f.slug: f for f in FacetField.objects.all()}
    by_name = {f.name.lower(): f for f in fields.values()}
    resolved: dict[FacetField, list[FacetValue]] = {}
    errors = {}
    for key, names in values_by_field.items():
        field = fields.get(str(key)) or by_name.get(str(key).lower())
        if field is None:
            errors[str(key)] = ["Unknown facet."]
            continue
        names = [names] if isinstance(names, str) else list(names or [])
        values = {v.slug: v for v in field.values.all()}
        values_by_name = {v.name.lower(): v for v in values.values()}
        chosen, unknown = [], []
        for name in names:
            value = values.get(str(name)) or values_by_name.get(" ".join(str(name).split()).lower())
            (chosen if value else unknown).append(value or str(name))
        if unknown:
            errors[field.slug] = [f"Unknown value: {', '.join(map(str, unknown))[:200]}."]
        chosen = list(dict.fromkeys(chosen))
        if not field.multi_select and len(chosen) > 1:
            errors[field.slug] = [f"{field.name} takes a single value."]
        resolved[field] = chosen
    if errors:
        raise ValidationError(errors)
    return resolved


def set_asset_facets(
    actor, asset: Asset, values_by_field: dict, *, source: str = AssignmentSource.MANUAL
) -> dict[str, list[str]]:
    """Replace the values of each named field on `asset` ({field: [values]}; fields not named are kept).
    Single-select fields take at most one value; automatic fields (asset type, language) follow the asset."""
    resolved = resolve_values(values_by_field)
    for field, values in resolved.items():
        attr = AUTOMATIC_FIELDS.get(field.slug)
        if attr and {v.slug for v in values} != {getattr(asset, attr)} & {v.slug for v in field.values.all()}:
            raise ValidationError(
                {field.slug: [f"{field.name} follows the asset's {attr.replace('_', ' ')}; change that instead."]}
            )
    before = _asset_map(asset)
    for field, values in resolved.items():
        if field.slug in AUTOMATIC_FIELDS:
            continue
        wanted = {v.pk for v in values}
        existing = AssetFacetValue.objects.filter(asset=asset, value__field=field)
        existing.exclude(value_id__in=wanted).delete()
        have = set(existing.values_list("value_id", flat=True))
        AssetFacetValue.objects.bulk_create(
            [
                AssetFacetValue(
                    asset=asset,
                    value_id=pk,
                    source=source,
                    assigned_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                for pk in sorted(wanted - have)
            ]
        )
    after = _asset_map(asset)
    if after != before:
        _changed(actor, asset, before, after, source)
    return after


def add_facet_values(actor, asset: Asset, values: list[FacetValue], *, source: str = AssignmentSource.AUTOMATIC) -> int:
    """Add values to an asset (the demo, matching rules, the classifier). On a single-select field the new value
    replaces the old one. Returns how many assignments were created."""
    before = _asset_map(asset)
    created = 0
    for value in values:
        field = value.field
        if not field.multi_select:
            AssetFacetValue.objects.filter(asset=asset, value__field=field).exclude(value=value).delete()
        _, made = AssetFacetValue.objects.get_or_create(
            asset=asset,
            value=value,
            defaults={"source": source, "assigned_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        created += made
    after = _asset_map(asset)
    if after != before:
        _changed(actor, asset, before, after, source)
    return created


def _changed(actor, asset, before, after, source) -> None:
    if source == AssignmentSource.MANUAL:
        audit.record(actor, "asset.facets", asset, before={"facets": before}, after={"facets": after})
    refile_assets([asset.pk])
    events.publish(
        events.FacetsChanged(
            asset_ids=(asset.pk,),
            source=source,
            actor_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        )
    )


def sync_automatic_facets(assets) -> None:
    """Make the automatic facets (asset type, language) follow each asset's attributes."""
    assets = [a for a in assets if a.pk]
    if not assets:
        return
    values = {
        (v.field.slug, v.slug): v
        for v in FacetValue.objects.filter(field__slug__in=AUTOMATIC_FIELDS).select_related("field")
    }
    if not values:
        return
    current: dict[tuple[int, str], set[int]] = {}
    for asset_id, field_slug, value_id in AssetFacetValue.objects.filter(
        asset__in=assets, value__field__slug__in=AUTOMATIC_FIELDS
    ).values_list("asset_id", "value__field__slug", "value_id"):
        current.setdefault((asset_id, field_slug), set()).add(value_id)
    for asset in assets:
        for field_slug, attr in AUTOMATIC_FIELDS.items():
            wanted = values.get((field_slug, str(getattr(asset, attr) or "")))
            have = current.get((asset.pk, field_slug), set())
            if have == ({wanted.pk} if wanted else set()):
                continue
            if have:
                AssetFacetValue.objects.filter(asset=asset, value__field__slug=field_slug).delete()
            if wanted:
                AssetFacetValue.objects.create(asset=asset, value=wanted, source=AssignmentSource.AUTOMATIC)
