"""The library's REST API of assets: listing, upload, metadata, lifecycle shortcuts, versions, pages, downloads
(collections and tags: api_collections.py).

Every object is reached through the policy (`visible_assets`, `viewable_collections`): what a user may not
see is a 404, what they may see but not change is a 403. Changes go through library.services in a transaction.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from quiver.core.pagination import MAX_PAGE_SIZE, paginate

from . import policy, providers, selectors, services, uploads
from .availability import download_refusal
from .downloads import attachment_response
from .models import Asset, AssetStatus, Collection
from .schemas import (
    AssetOut,
    AssetPage,
    AssetPatch,
    AssetTypeName,
    Error,
    Id,
    LifecycleName,
    ListingSort,
    Number,
    PagesOut,
    ProcessingName,
    Text,
    VersionOut,
    asset_out,
    version_out,
)

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
UPLOAD_ERRORS = {**ERRORS, 413: Error, 422: Error}
assets_router = Router(tags=["assets"])


# --- helpers -------------------------------------------------------------------------------------------------


def _listing(user):
    return Asset.objects.visible_to(user).with_listing()


def _shown_collections(user) -> set[int] | None:
    """Ids of the collections `user` may see (None for admins: all): an asset's other collections stay unnamed."""
    return None if policy.is_admin(user) else set(policy.viewable_collections(user).values_list("pk", flat=True))


def _present(request, assets: list[Asset]) -> list[dict]:
    editable = set(
        policy.editable_assets(request.auth, Asset.objects.filter(pk__in=[a.pk for a in assets])).values_list(
            "pk", flat=True
        )
    )
    shown = _shown_collections(request.auth)
    maps = providers.facet_maps([a.pk for a in assets])  # {asset id: {facet field: [values]}} in one query
    versions = selectors.version_counts(a.pk for a in assets)
    out = []
    for asset in assets:
        api_url = request.build_absolute_uri(reverse("api:asset", args=[asset.pk]))
        out.append(
            asset_out(
                asset,
                can_edit=asset.pk in editable,
                versions=versions.get(asset.pk, 0),
                api_url=api_url,
                download_url=f"{api_url}/download",
                shown_collections=shown,
                web_url=request.build_absolute_uri(asset.get_absolute_url()),
            )
        )
        out[-1]["facets"] = maps[asset.pk]
    return out


def _get_visible(request, asset_id: Id) -> Asset:
    asset = _listing(request.auth).filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    return asset


def _get_editable(request, asset_id: Id) -> Asset:
    asset = _get_visible(request, asset_id)
    if not policy.can_edit_asset(request.auth, asset):
        raise PermissionDenied("You may not change this asset.")
    return asset


def _one(request, asset_id: Id) -> dict:
    asset = _get_visible(request, asset_id)
    return {**_present(request, [asset])[0], "queue": selectors.ingest_position(asset.current_version)}


def _collections(user, ids) -> list[Collection]:
    """Collections named by id; ids the user cannot see are refused like unknown ones."""
    ids = set(ids or [])
    found = list(policy.viewable_collections(user).filter(pk__in=ids))
    if len(found) != len(ids):
        missing = sorted(ids - {c.pk for c in found})
        raise ValidationError(f"Unknown collection: {', '.join(map(str, missing))}.")
    return found


def _split_tags(values) -> list[str]:
    return [name.strip() for value in values or [] for name in str(value).split(",") if name.strip()]


def _the_file(request, field: str) -> UploadedFile | None:
    """The upload's one file (library.uploads: the web form checks the same); too large is 413."""
    file = uploads.one_file(request.FILES, field)
    if file is not None:
        try:
            uploads.check_file(file)
        except ValidationError as error:
            if error.code == "too_large":
                raise HttpError(413, error.messages[0]) from None
            raise
    return file


def _version(asset: Asset, number: int | None):
    if number is None:
        return asset.current_version
    version = selectors.version_by_number(asset, number)
    if version is None:
        raise Http404
    return version


# --- assets --------------------------------------------------------------------------------------------------


@assets_router.get("", response={200: AssetPage, **ERRORS}, url_name="assets")
def list_assets(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(25, ge=1, le=MAX_PAGE_SIZE),
    q: Text = Query("", max_length=200),
    asset_type: AssetTypeName | None = None,
    collection: Id | None = None,
    status: ProcessingName | None = None,
    lifecycle: LifecycleName | None = None,
    owner: Id | None = None,
    sort: ListingSort = "updated",
    include_archived: bool = False,
):
    """Visible assets, most recently updated first (`sort`: updated / created / title), the same listing as the
    web library's. `q` searches titles and descriptions; `collection` includes its sub-collections; archived
    assets are listed with `lifecycle=archived` or `include_archived=true`."""
    user = request.auth
    node = selectors.viewable_collection(user, collection) if collection is not None else None
    filters = selectors.AssetFilters(
        q=q.strip(),
        asset_type=asset_type or "",
        collection=node,
        owner_id=owner,
        status=lifecycle or "",
        processing=status or "",
        sort=sort,
        include_archived=include_archived,
    )
    qs = selectors.asset_listing(user, filters)
    if collection is not None and node is None:  # a collection the caller cannot see lists nothing
        qs = qs.none()
    result = paginate(request, qs, page, page_size)
    result["items"] = _present(request, result["items"])
    return result


@assets_router.post("", response={201: AssetOut, **UPLOAD_ERRORS}, url_name="asset_create")
def create_asset(
    request,
    file: UploadedFile | None = File(None),
    link_url: Text = Form("", max_length=2000),
    title: Text = Form("", max_length=300),
    description: Text = Form(""),
    asset_type: AssetTypeName | None = Form(None),
    lifecycle: LifecycleName = Form(AssetStatus.PUBLISHED),
    language: Text = Form("en", max_length=16),
    collection: list[Id] = Form([]),
    tags: list[Text] = Form([]),
):
    """Upload one file (multipart, as `file`) or register a web link. The file is stored, then processed in the
    background. Fields longer than their limit are refused (422), as PATCH refuses them; so are several files."""
    user = request.auth
    if not policy.can_create_assets(user):
        raise PermissionDenied("You may not add assets.")
    file = _the_file(request, "file")
    if file is None and not link_url.strip():
        raise ValidationError("Send a file or a link_url (the file as the multipart field 'file').")
    targets = _collections(user, collection)
    if not policy.can_set_collections(user, None, {c.pk for c in targets}):
        raise PermissionDenied("You may not add assets to these collections.")
    with transaction.atomic():
        asset = services.create_asset(
            user,
            title=title,
            description=description,
            asset_type=asset_type,
            status=lifecycle,
            language=language,
            link_url=link_url.strip(),
            collections=targets,
            tags=_split_tags(tags),
            file=file,
            filename=file.name if file is not None else "",
        )
    return Status(201, _one(request, asset.pk))


@assets_router.get("/{int:asset_id}", response={200: AssetOut, **ERRORS}, url_name="asset")
def get_asset(request, asset_id: Id):
    """A merged duplicate answers 301 to its surviving twin (`Location`, and `merged_into` in the body)."""
    twin = providers.merge_target(request.auth, asset_id)
    if twin is not None:
        url = request.build_absolute_uri(reverse("api:asset", args=[twin.pk]))
        response = JsonResponse(
            {"detail": "This asset was merged into another.", "merged_into": twin.pk, "url": url}, status=301
        )
        response["Location"] = url
        return response
    return _one(request, asset_id)


@assets_router.delete("/{int:asset_id}", response={204: None, **ERRORS}, url_name="asset_trash")
def trash_asset(request, asset_id: Id):
    """Move the asset to the trash (admins only), restorable for 30 days: POST /api/v1/trash/{id}/restore."""
    asset = _get_visible(request, asset_id)
    if not policy.can_trash(request.auth):
        raise PermissionDenied("Only admins may delete assets.")
    with transaction.atomic():
        providers.trash(request.auth, asset)
    return Status(204, None)


@assets_router.patch("/{int:asset_id}", response={200: AssetOut, **ERRORS}, url_name="asset_update")
def update_asset(request, asset_id: Id, payload: AssetPatch):
    """Change metadata, tags, collections (a move) or the lifecycle; only the fields sent change."""
    user = request.auth
    asset = _get_editable(request, asset_id)
    changes = payload.dict(exclude_unset=True)
    cleared = sorted(k for k in ("title", "asset_type", "lifecycle", "owner") if k in changes and changes[k] is None)
    if cleared:
        raise ValidationError({k: ["This field cannot be null."] for k in cleared})
    collections, tags = changes.pop("collections", None), changes.pop("tags", None)
    facets = changes.pop("facets", None)
    if "lifecycle" in changes:
        changes["status"] = changes.pop("lifecycle")
    if "owner" in changes:
        owner = get_user_model().objects.filter(pk=changes["owner"], is_active=True).first()
        if changes["owner"] is not None and owner is None:
            raise ValidationError("Unknown owner.")
        changes["owner"] = owner
    if collections is not None:
        # The list names the collections the user can see; memberships they cannot see are kept as they are.
        collections = [c.pk for c in _collections(user, collections)] + selectors.hidden_collection_ids(user, asset)
        if not policy.can_set_collections(user, asset, set(collections)):
            raise PermissionDenied("You may not move this asset into or out of these collections.")
    with transaction.atomic():
        services.update_asset(
            user, asset, collections=collections, tags=_split_tags(tags) if tags is not None else None, **changes
        )
        if facets is not None:  # {field: [values]}; fields not named are kept (taxonomy.services)
            providers.set_facets(user, asset, facets)
    return _one(request, asset_id)


@assets_router.post("/{int:asset_id}/archive", response={200: AssetOut, **ERRORS}, url_name="asset_archive")
def archive_asset(request, asset_id: Id):
    asset = _get_editable(request, asset_id)
    with transaction.atomic():
        services.archive_asset(request.auth, asset)
    return _one(request, asset_id)


@assets_router.post("/{int:asset_id}/restore", response={200: AssetOut, **ERRORS}, url_name="asset_restore")
def restore_asset(request, asset_id: Id):
    """Restore an archived asset: `lifecycle` is `published`, or `in_review` when an approval policy covers it and
    the caller is not one of its approvers (a draft submitted for review; see GET .../lifecycle for the request)."""
    asset = _get_editable(request, asset_id)
    with transaction.atomic():
        services.restore_asset(request.auth, asset)
    return _one(request, asset_id)


@assets_router.post("/{int:asset_id}/retry", response={200: AssetOut, **ERRORS}, url_name="asset_retry")
def retry_asset(request, asset_id: Id):
    """Process the current version again: when it failed, or when it is stuck in processing (its worker stopped
    and its claim expired, or its task was lost). A version being processed or waiting for a worker is refused (400,
    saying which)."""
    asset = _get_editable(request, asset_id)
    version = asset.current_version
    if version is None:
        raise ValidationError("This asset has no file to process.")
    with transaction.atomic():
        services.retry_version(request.auth, version)
    return _one(request, asset_id)


@assets_router.get("/{int:asset_id}/versions", response={200: list[VersionOut], **ERRORS}, url_name="asset_versions")
def list_versions(request, asset_id: Id):
    asset = _get_visible(request, asset_id)
    return [version_out(v) for v in selectors.asset_versions(asset)]


@assets_router.post(
    "/{int:asset_id}/versions", response={201: VersionOut, **UPLOAD_ERRORS}, url_name="asset_add_version"
)
def add_version(request, asset_id: Id, file: UploadedFile = File(...), change_note: Text = Form("", max_length=500)):
    """Upload a new file for the asset; it keeps its id, URL and history."""
    asset = _get_editable(request, asset_id)
    file = _the_file(request, "file")
    with transaction.atomic():
        version = services.add_version(request.auth, asset, file, filename=file.name, change_note=change_note)
    return Status(201, version_out(version))


@assets_router.get("/{int:asset_id}/pages", response={200: PagesOut, **ERRORS}, url_name="asset_pages")
def list_pages(request, asset_id: Id, version: Number | None = None):
    """Extracted text per page or slide of the current version (or of `version`)."""
    asset = _get_visible(request, asset_id)
    found = _version(asset, version)
    pages = selectors.version_pages(found)
    return {"version": found.number if found else None, "items": [{"number": p.number, "text": p.text} for p in pages]}


@assets_router.get("/{int:asset_id}/download", response={200: None, **ERRORS}, url_name="asset_download")
def download(request, asset_id: Id, version: Number | None = None):
    """The original file, as an attachment. Recorded as a download usage event."""
    asset = _get_visible(request, asset_id)
    if not policy.can_download(request.auth, asset):
        replacement = (
            policy.visible_assets(request.auth).filter(pk=asset.replaced_by_id).first()
            if asset.replaced_by_id
            else None
        )
        raise PermissionDenied(download_refusal(asset, replacement=replacement) or "You may not download this asset.")
    found = _version(asset, version)
    if found is None:
        raise Http404
    providers.record_usage(request.auth, asset, "download", version=found, via="api")
    return attachment_response(found.file.name, found.original_filename, found.mime_type)
