"""The taxonomy's REST API: facet fields and values, an asset's facets, and smart collection rules.

Permissions come from library.policy only: reading facets needs a login; changing them is for admins
(`can_manage_taxonomy`); an asset's facets follow `visible_assets` (404) and `can_edit_asset` (403); a collection
rule follows `viewable_collections` (404) and `can_edit_smart_rule` (403)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Body, Router, Status

from quiver.library import policy
from quiver.library.models import Asset, Collection
from quiver.library.schemas import Error, Id
from quiver.library.selectors import collection_assets

from . import selectors, services, smart
from .models import FacetField, FacetValue
from .schemas import (
    AssetFacetsIn,
    AssetFacetsOut,
    FacetFieldIn,
    FacetFieldOut,
    FacetFieldPatch,
    FacetValueIn,
    FacetValueOut,
    FacetValuePatch,
    RuleIn,
    RuleOut,
)

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
facets_router = Router(tags=["facets"])
asset_facets_router = Router(tags=["facets"])
rules_router = Router(tags=["collections"])


def _node_out(node: selectors.Node) -> dict:
    v = node.value
    return {
        "id": v.pk,
        "name": v.name,
        "slug": v.slug,
        "parent": v.parent_id,
        "position": v.position,
        "color": v.color,
        "depth": node.depth,
        "children": [_node_out(c) for c in node.children],
    }


def _field_out(field: FacetField) -> dict:
    return {
        "id": field.pk,
        "name": field.name,
        "slug": field.slug,
        "multi_select": field.multi_select,
        "position": field.position,
        "description": field.description,
        "required_for": field.required_for,
        "values": [_node_out(n) for n in selectors.value_tree(field)],
    }


def _one_field(pk: int) -> dict:
    field = selectors.facet_fields().filter(pk=pk).first()
    if field is None:
        raise Http404
    return _field_out(field)


def _require_admin(request) -> None:
    if not policy.can_manage_taxonomy(request.auth):
        raise PermissionDenied("Only administrators may change the taxonomy.")


def _field_or_404(field_id: int) -> FacetField:
    field = FacetField.objects.filter(pk=field_id).first()
    if field is None:
        raise Http404
    return field


def _parent(field: FacetField, parent_id: int | None) -> FacetValue | None:
    if parent_id is None:
        return None
    parent = FacetValue.objects.filter(pk=parent_id, field=field).first()
    if parent is None:
        raise ValidationError({"parent": ["The parent must be a value of the same facet."]})
    return parent


# --- facet fields and values -------------------------------------------------------------------------------------


@facets_router.get("", response={200: list[FacetFieldOut], **ERRORS}, url_name="facets")
def list_facets(request):
    """Every facet field in order, with its values as a tree (top-level values, each with `children`)."""
    return [_field_out(f) for f in selectors.facet_fields()]


@facets_router.post("", response={201: FacetFieldOut, **ERRORS}, url_name="facet_create")
def create_facet(request, payload: FacetFieldIn):
    _require_admin(request)
    with transaction.atomic():
        field = services.create_field(
            request.auth,
            name=payload.name,
            slug=payload.slug or "",
            multi_select=payload.multi_select,
            position=payload.position,
            description=payload.description,
            required_for=payload.required_for,
        )
    return Status(201, _one_field(field.pk))


@facets_router.get("/{int:field_id}", response={200: FacetFieldOut, **ERRORS}, url_name="facet")
def get_facet(request, field_id: Id):
    return _one_field(field_id)


@facets_router.patch("/{int:field_id}", response={200: FacetFieldOut, **ERRORS}, url_name="facet_update")
def update_facet(request, field_id: Id, payload: FacetFieldPatch):
    _require_admin(request)
    field = _field_or_404(field_id)
    changes = payload.dict(exclude_unset=True)
    nulls = sorted(k for k in ("name", "slug", "multi_select", "position") if k in changes and changes[k] is None)
    if nulls:
        raise ValidationError({k: ["This field cannot be null."] for k in nulls})
    with transaction.atomic():
        services.update_field(request.auth, field, **changes)
    return _one_field(field.pk)


@facets_router.post("/{int:field_id}/values", response={201: FacetValueOut, **ERRORS}, url_name="facet_value_create")
def create_value(request, field_id: Id, payload: FacetValueIn):
    _require_admin(request)
    field = _field_or_404(field_id)
    with transaction.atomic():
        value = services.create_value(
            request.auth,
            field,
            name=payload.name,
            slug=payload.slug or "",
            parent=_parent(field, payload.parent),
            position=payload.position,
            color=payload.color,
        )
    return Status(201, _value_out(value))


def _value_out(value: FacetValue) -> dict:
    depth, node = 0, value.parent
    while node is not None:
        depth, node = depth + 1, node.parent
    return {
        "id": value.pk,
        "name": value.name,
        "slug": value.slug,
        "parent": value.parent_id,
        "position": value.position,
        "color": value.color,
        "depth": depth,
        "children": [],
    }


@facets_router.patch(
    "/{int:field_id}/values/{int:value_id}", response={200: FacetValueOut, **ERRORS}, url_name="facet_value_update"
)
def update_value(request, field_id: Id, value_id: Id, payload: FacetValuePatch):
    _require_admin(request)
    field = _field_or_404(field_id)
    value = FacetValue.objects.filter(pk=value_id, field=field).first()
    if value is None:
        raise Http404
    changes = payload.dict(exclude_unset=True)
    nulls = sorted(k for k in ("name", "slug", "position") if k in changes and changes[k] is None)
    if nulls:
        raise ValidationError({k: ["This field cannot be null."] for k in nulls})
    if "parent" in changes:
        changes["parent"] = _parent(field, changes["parent"])
    with transaction.atomic():
        services.update_value(request.auth, value, **changes)
    return _value_out(value)


# --- an asset's facets -------------------------------------------------------------------------------------------


def _visible_asset(request, asset_id: int) -> Asset:
    asset = policy.visible_assets(request.auth, Asset.objects.all()).filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    return asset


def _asset_facets(asset: Asset) -> dict:
    return {
        "facets": selectors.asset_facet_map(asset),
        "missing_required": [f.slug for f in selectors.missing_required_facets(asset)],
    }


@asset_facets_router.get("/{int:asset_id}/facets", response={200: AssetFacetsOut, **ERRORS}, url_name="asset_facets")
def get_asset_facets(request, asset_id: Id):
    return _asset_facets(_visible_asset(request, asset_id))


@asset_facets_router.put(
    "/{int:asset_id}/facets", response={200: AssetFacetsOut, **ERRORS}, url_name="asset_facets_set"
)
def set_asset_facets(request, asset_id: Id, payload: AssetFacetsIn = Body(...)):
    """Set the values of each facet named ({field slug or name: [value names or slugs]}); facets not named are
    kept, an empty list clears one. Single-select facets take one value; asset type and language follow the
    asset's own fields."""
    asset = _visible_asset(request, asset_id)
    if not policy.can_edit_asset(request.auth, asset):
        raise PermissionDenied("You may not change this asset.")
    with transaction.atomic():
        services.set_asset_facets(request.auth, asset, payload)
    return _asset_facets(asset)


# --- smart collection rules --------------------------------------------------------------------------------------


def _viewable_collection(request, collection_id: int) -> Collection:
    collection = policy.viewable_collections(request.auth).filter(pk=collection_id).first()
    if collection is None:
        raise Http404
    return collection


def _rule_out(request, collection: Collection) -> dict:
    rule = selectors.smart_rule(collection)
    members = collection_assets(collection, request.auth).filter(smart_memberships__collection=collection)
    return {
        "collection": collection.pk,
        "smart": rule is not None,
        "query": rule.query if rule else None,
        "include_archived": rule.include_archived if rule else False,
        "conditions": selectors.describe_query(rule.query) if rule else [],
        "members": members.count() if rule else 0,
    }


def _editable_collection(request, collection_id: int) -> Collection:
    collection = _viewable_collection(request, collection_id)
    if not policy.can_edit_smart_rule(request.auth, collection):
        raise PermissionDenied("You may not change this collection.")
    return collection


@rules_router.get("/{int:collection_id}/rule", response={200: RuleOut, **ERRORS}, url_name="collection_rule")
def get_rule(request, collection_id: Id):
    """The collection's smart rule (`smart: false` for a manual collection)."""
    return _rule_out(request, _viewable_collection(request, collection_id))


@rules_router.put("/{int:collection_id}/rule", response={200: RuleOut, **ERRORS}, url_name="collection_rule_set")
def set_rule(request, collection_id: Id, payload: RuleIn):
    """Make the collection smart (or change its rule); matching assets are filed at once and re-filed whenever
    their facets, tags, type or text change."""
    collection = _editable_collection(request, collection_id)
    with transaction.atomic():
        smart.set_rule(request.auth, collection, payload.query.dict(), include_archived=payload.include_archived)
    return _rule_out(request, collection)


@rules_router.delete("/{int:collection_id}/rule", response={200: RuleOut, **ERRORS}, url_name="collection_rule_delete")
def delete_rule(request, collection_id: Id):
    """Make the collection manual again; its smart members leave it."""
    collection = _editable_collection(request, collection_id)
    with transaction.atomic():
        if not smart.remove_rule(request.auth, collection):
            raise Http404
    return _rule_out(request, collection)


@rules_router.post(
    "/{int:collection_id}/rule/preview", response={200: RuleOut, **ERRORS}, url_name="collection_rule_preview"
)
def preview_rule(request, collection_id: Id, payload: RuleIn):
    """How many assets you may see a rule would file here (nothing is saved)."""
    collection = _editable_collection(request, collection_id)
    query = smart.clean_query(payload.query.dict())
    count, _ = selectors.preview(request.auth, query, include_archived=payload.include_archived)
    return {
        "collection": collection.pk,
        "smart": False,
        "query": query,
        "include_archived": payload.include_archived,
        "conditions": selectors.describe_query(query),
        "members": count,
    }
