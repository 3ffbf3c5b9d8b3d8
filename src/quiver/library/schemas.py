"""Pydantic schemas of the library API (request bodies and responses)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from .availability import is_expired
from .models import AssetStatus, AssetType, ProcessingStatus
from .selectors import SORTS

AssetTypeName = Literal[tuple(AssetType.values)]  # type: ignore[valid-type]
LifecycleName = Literal[tuple(AssetStatus.values)]  # type: ignore[valid-type]
ProcessingName = Literal[tuple(ProcessingStatus.values)]  # type: ignore[valid-type]
ListingSort = Literal[tuple(SORTS)]  # type: ignore[valid-type]
# Database ids are 64-bit: anything outside is refused by validation (422), never sent to the database.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Number = Annotated[int, Field(ge=1, le=2**31 - 1)]  # version numbers are 32-bit columns


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Text as the databases accept it (PostgreSQL refuses NUL characters).
Text = Annotated[str, AfterValidator(_no_nul)]


class Error(Schema):
    detail: str | dict | list


class UserOut(Schema):
    id: int
    username: str
    name: str


class TagOut(Schema):
    id: int
    name: str
    slug: str


class TagIn(Schema):
    name: Text = Field(min_length=1, max_length=80)


class CollectionRef(Schema):
    id: int
    name: str


class CollectionOut(Schema):
    id: int
    name: str
    description: str
    parent: int | None
    path: str = Field(description='Materialized path of ids, e.g. "/1/4/9/"')
    depth: int
    can_edit: bool


class CollectionIn(Schema):
    name: Text = Field(min_length=1, max_length=120)
    parent: Id | None = None
    description: Text = ""


class VersionOut(Schema):
    number: int
    filename: str
    size: int
    mime_type: str
    sha256: str
    page_count: int | None
    status: ProcessingName
    failure_reason: str
    change_note: str
    uploaded_by: UserOut | None
    created_at: datetime


class AssetUrls(Schema):
    api: str
    web: str
    download: str | None
    versions: str
    pages: str


class QueuePosition(Schema):
    state: Literal["queued", "running"] = Field(description="queued: waiting in its queue; running: being processed")
    ahead: int | None = Field(None, description="queued: tasks a worker takes before this one (queued behind N)")
    queue: str


class AssetOut(Schema):
    id: int
    title: str
    description: str
    asset_type: AssetTypeName
    owner: UserOut | None
    status: ProcessingName = Field(description="Processing of the current version: processing / ready / failed")
    failure_reason: str
    lifecycle: LifecycleName = Field(description="draft / published / archived")
    language: str
    link_url: str
    created_at: datetime
    updated_at: datetime
    tags: list[str]
    facets: dict[str, list[str]] = Field(default_factory=dict, description="{facet field slug: [value names]}")
    collections: list[CollectionRef]
    current_version: VersionOut | None
    versions: int = Field(description="Number of versions")
    can_edit: bool
    urls: AssetUrls
    # lifecycle (quiver.lifecycle): expired and internal-only assets are not downloadable by viewers
    publish_at: datetime | None = None
    expires_at: datetime | None = None
    expired: bool = False
    internal_only: bool = False
    verified_until: date | None = None
    queue: QueuePosition | None = Field(
        None,
        description="Where the processing of the current version waits "
        "(single-asset answers only; null in lists and once processed)",
    )


class AssetPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[AssetOut]


class AssetPatch(Schema):
    """Only the fields sent are changed."""

    title: Text | None = Field(None, min_length=1, max_length=300)
    description: Text | None = None
    asset_type: AssetTypeName | None = None
    owner: Id | None = Field(None, description="User id of who produced it")
    language: Text | None = Field(None, max_length=16)
    link_url: Text | None = Field(None, max_length=2000)
    lifecycle: LifecycleName | None = None
    tags: list[Text] | None = None
    collections: list[Id] | None = None
    facets: dict[Text, list[Text]] | None = Field(
        None, description="{facet field: [values]}: each field named is replaced, others are kept"
    )


class PageOut(Schema):
    number: int
    text: str


class PagesOut(Schema):
    version: int | None
    items: list[PageOut]


# How models become response dicts (kept explicit: no field reaches the client by accident).


def user_out(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "name": user.get_full_name() or user.username}


def version_out(version) -> dict | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "filename": version.original_filename,
        "size": version.size,
        "mime_type": version.mime_type,
        "sha256": version.sha256,
        "page_count": version.page_count,
        "status": version.status,
        "failure_reason": version.failure_reason,
        "change_note": version.change_note,
        "uploaded_by": user_out(version.uploaded_by) if version.uploaded_by_id else None,
        "created_at": version.created_at,
    }


def asset_out(
    asset, *, can_edit: bool, versions: int, api_url: str, download_url: str, web_url: str, shown_collections=None
) -> dict:
    """`shown_collections`: ids of the collections the reader may see (None: all); others are not named."""
    version = asset.current_version
    return {
        "id": asset.pk,
        "title": asset.title,
        "description": asset.description,
        "asset_type": asset.asset_type,
        "owner": user_out(asset.owner) if asset.owner_id else None,
        "status": version.status if version else ProcessingStatus.READY,
        "failure_reason": version.failure_reason if version else "",
        "lifecycle": asset.status,
        "language": asset.language,
        "link_url": asset.link_url,
        "created_at": asset.created_at,
        "updated_at": asset.updated_at,
        "tags": [t.name for t in asset.tags.all()],
        "collections": [
            {"id": c.pk, "name": c.name}
            for c in asset.collections.all()
            if shown_collections is None or c.pk in shown_collections
        ],
        "current_version": version_out(version),
        "versions": versions,
        "can_edit": can_edit,
        "urls": {
            "api": api_url,
            "web": web_url,
            "download": download_url if version else None,
            "versions": f"{api_url}/versions",
            "pages": f"{api_url}/pages",
        },
        "publish_at": asset.publish_at,
        "expires_at": asset.expires_at,
        "expired": is_expired(asset),
        "internal_only": asset.internal_only,
        "verified_until": asset.verified_until,
    }


def collection_out(collection, *, can_edit: bool) -> dict:
    return {
        "id": collection.pk,
        "name": collection.name,
        "description": collection.description,
        "parent": collection.parent_id,
        "path": collection.path,
        "depth": collection.depth,
        "can_edit": can_edit,
    }
