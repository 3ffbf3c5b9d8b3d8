"""Duplicates in the API, under /api/v1/assets/{id}/duplicates (mounted beside the library's assets router).

A client that uploaded a file polls `GET /assets/{id}/duplicates` (exact copies appear at once, near-duplicates
once the file is processed) and answers with `add-as-version` or `keep-both`. Only flags whose two assets the
caller may see exist for them; an asset they may not see is a 404."""

from django.db import transaction
from django.http import Http404
from ninja import Router, Schema, Status

from quiver.library import selectors as library_selectors

from . import selectors, services
from .models import DuplicateFlag

router = Router(tags=["duplicates"])


class Error(Schema):
    detail: str | dict


class TwinOut(Schema):
    id: int
    title: str
    url: str


class FlagOut(Schema):
    id: int
    kind: str  # exact / near
    score: float
    percent: int
    status: str
    role: str  # "upload": this asset looks like `other`; "original": `other` (newer) looks like this asset
    other: TwinOut
    message: str


class MergeOut(Schema):
    twin: int
    version: int
    flag: FlagOut


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}


def _asset(request, asset_id: int):
    asset = library_selectors.visible_asset(request.auth, asset_id)
    if asset is None:
        raise Http404
    return asset


def describe(flag: DuplicateFlag, asset_id: int) -> str:
    what = "an exact copy" if flag.kind == "exact" else f"{flag.percent}% similar"
    if flag.asset_id == asset_id:
        return f"This looks like “{flag.twin.title}” ({what}): add it as a new version of it instead?"
    return f"“{flag.asset.title}”, uploaded later, looks like this asset ({what})."


def flag_out(request, flag: DuplicateFlag, asset_id: int) -> dict:
    other = flag.twin if flag.asset_id == asset_id else flag.asset
    return {
        "id": flag.pk,
        "kind": flag.kind,
        "score": flag.score,
        "percent": flag.percent,
        "status": flag.status,
        "role": "upload" if flag.asset_id == asset_id else "original",
        "other": {"id": other.pk, "title": other.title, "url": request.build_absolute_uri(other.get_absolute_url())},
        "message": describe(flag, asset_id),
    }


def _flag(request, asset_id: int, flag_id: int) -> DuplicateFlag:
    asset = _asset(request, asset_id)
    flag = selectors.visible_flag(request.auth, flag_id)
    if flag is None or flag.asset_id != asset.pk:
        raise Http404
    return flag


@router.get("/{int:asset_id}/duplicates", response={200: list[FlagOut], **ERRORS}, url_name="asset_duplicates")
def list_duplicates(request, asset_id: int):
    asset = _asset(request, asset_id)
    return [flag_out(request, f, asset.pk) for f in selectors.duplicates_of(asset, request.auth)]


@router.post(
    "/{int:asset_id}/duplicates/{int:flag_id}/add-as-version",
    response={200: MergeOut, **ERRORS},
    url_name="asset_duplicate_merge",
)
def add_as_version(request, asset_id: int, flag_id: int):
    flag = _flag(request, asset_id, flag_id)
    if flag.status != "open":
        return Status(400, {"detail": "This duplicate was already decided."})
    with transaction.atomic():
        version = services.add_as_new_version(request.auth, flag.asset, flag.twin)
    flag.refresh_from_db()
    return Status(200, {"twin": flag.twin_id, "version": version.number, "flag": flag_out(request, flag, asset_id)})


@router.post(
    "/{int:asset_id}/duplicates/{int:flag_id}/keep-both",
    response={200: FlagOut, **ERRORS},
    url_name="asset_duplicate_dismiss",
)
def keep_both(request, asset_id: int, flag_id: int):
    flag = _flag(request, asset_id, flag_id)
    with transaction.atomic():
        flag = services.dismiss(request.auth, flag)
    return Status(200, flag_out(request, flag, asset_id))
