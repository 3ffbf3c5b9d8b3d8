"""A (field, value) pair as objects, and putting it on or taking it off an asset, recorded in the audit log.

Field "tags" names a Tag; any other field is a facet field slug naming one of its FacetValues. The facets that
follow an asset attribute ("asset-type", "language") are changed through library.services.update_asset."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quiver.core import audit, events
from quiver.library import services as library_services
from quiver.library.models import Asset, AssetTag, Tag, TagSource
from quiver.taxonomy import services as taxonomy_services
from quiver.taxonomy.models import AssetFacetValue, FacetField, FacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

TAGS = "tags"


@dataclass(frozen=True)
class Machine:
    """A non-human actor in the audit log ("rule: Pricing", "classifier", "detector")."""

    username: str
    is_authenticated: bool = False


CLASSIFIER, DETECTOR = Machine("classifier"), Machine("detector")


@dataclass(frozen=True)
class Target:
    field: str
    tag: Tag | None = None
    value: FacetValue | None = None

    @property
    def key(self) -> tuple[str, int]:
        return ("tag", self.tag.pk) if self.tag else ("value", self.value.pk)

    @property
    def name(self) -> str:
        return self.tag.name if self.tag else self.value.name

    @property
    def attribute(self) -> str | None:
        """The Asset attribute this facet follows (asset_type, language), if any."""
        return None if self.tag else AUTOMATIC_FIELDS.get(self.field)

    @property
    def single(self) -> bool:
        return bool(self.value) and not self.value.field.multi_select

    def suggestion_kwargs(self) -> dict:
        return {"tag": self.tag} if self.tag else {"facet_value": self.value}

    @classmethod
    def of(cls, tag: Tag | None = None, value: FacetValue | None = None) -> "Target":
        return cls(TAGS, tag=tag) if tag else cls(value.field.slug, value=value)


def resolve(field: str, name: str, *, create_tag: bool = False) -> Target:
    """("tags", "pricing") or ("industry", "Retail") as a Target; unknown names are a ValidationError."""
    field, name = str(field or "").strip(), " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"value": ["A value is required."]})
    if field == TAGS:
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None and create_tag:
            tag = library_services.tags_from_names([name])[0]
        if tag is None:
            raise ValidationError({"value": [f"Unknown tag: {name[:80]}."]})
        return Target(TAGS, tag=tag)
    facet = FacetField.objects.filter(slug=field).first()
    if facet is None:
        raise ValidationError({"field": [f"Unknown field: {field[:80]}."]})
    value = (
        FacetValue.objects.filter(field=facet, name__iexact=name).select_related("field").first()
        or FacetValue.objects.filter(field=facet, slug=name).select_related("field").first()
    )
    if value is None:
        raise ValidationError({"value": [f"Unknown value of {facet.name}: {name[:80]}."]})
    return Target(facet.slug, value=value)


def assigned_keys(asset: Asset) -> dict[tuple[str, int], str]:
    """{target key: source} of everything on the asset now."""
    keys = {("tag", t): s for t, s in AssetTag.objects.filter(asset=asset).values_list("tag_id", "source")}
    keys.update(
        {("value", v): s for v, s in AssetFacetValue.objects.filter(asset=asset).values_list("value_id", "source")}
    )
    return keys


def field_values(asset: Asset, field: str) -> list[FacetValue]:
    return [
        a.value
        for a in AssetFacetValue.objects.filter(asset=asset, value__field__slug=field).select_related("value__field")
    ]


def assign(actor, asset: Asset, target: Target, *, source: str) -> str:
    """Put the value on the asset with `source` (manual/automatic/rule); returns the name of the value a
    single-select field held before ("" if none), so that a revert can put it back."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if target.tag:
        asset.tags.add(target.tag, through_defaults={"source": source, "assigned_by": user})
        events.publish(
            events.AssetRetagged(
                asset_ids=(asset.pk,), actor_id=user and user.pk, added=(target.tag.pk,), sources=frozenset({source})
            )
        )
        return ""
    replaced = [v.name for v in field_values(asset, target.field) if v.pk != target.value.pk] if target.single else []
    if target.attribute:
        library_services.update_asset(actor, asset, **{target.attribute: target.value.slug})
    else:
        taxonomy_services.add_facet_values(actor, asset, [target.value], source=source)
    return replaced[0] if replaced else ""


def unassign(actor, asset: Asset, target: Target, *, restore: str = "") -> None:
    """Take the value off the asset; on a single-select field put `restore` (a value name) back if given."""
    if target.tag:
        sources = frozenset(AssetTag.objects.filter(asset=asset, tag=target.tag).values_list("source", flat=True))
        asset.tags.remove(target.tag)
        events.publish(
            events.AssetRetagged(
                asset_ids=(asset.pk,), actor_id=getattr(actor, "pk", None), removed=(target.tag.pk,), sources=sources
            )
        )
        return
    if target.attribute:
        back = resolve(target.field, restore) if restore else None
        default = "" if target.attribute == "language" else "document"
        library_services.update_asset(actor, asset, **{target.attribute: back.value.slug if back else default})
        return
    remaining = [v.name for v in field_values(asset, target.field) if v.pk != target.value.pk]
    if restore and target.single:
        remaining = [restore]
    taxonomy_services.set_asset_facets(actor, asset, {target.field: remaining}, source=TagSource.MANUAL)


def record(actor, asset: Asset, action: str, target: Target, **details) -> None:
    """One audit entry on the asset naming the field, the value and who or what decided."""
    audit.record(actor, action, asset, after={"field": target.field, "value": target.name, **details})
