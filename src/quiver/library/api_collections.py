"""The library's REST API of collections and tags (assets: api.py). Collections are reached through the policy
(`viewable_collections`); tags are listed only as far as they sit on assets the user may see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from ninja import Router, Status

from . import policy, services
from .api import ERRORS
from .models import Asset, Tag
from .schemas import CollectionIn, CollectionOut, Id, TagIn, TagOut, collection_out

collections_router = Router(tags=["collections"])
tags_router = Router(tags=["tags"])


# --- collections ---------------------------------------------------------------------------------------------


@collections_router.get("", response={200: list[CollectionOut], **ERRORS}, url_name="collections")
def list_collections(request):
    """The collection tree the user may see, in tree order (`path`), each with its `parent`."""
    user = request.auth
    editable = set(policy.editable_collections(user).values_list("pk", flat=True))
    return [collection_out(c, can_edit=c.pk in editable) for c in policy.viewable_collections(user).order_by("path")]


@collections_router.post("", response={201: CollectionOut, **ERRORS}, url_name="collection_create")
def create_collection(request, payload: CollectionIn):
    user = request.auth
    parent = None
    if payload.parent is not None:
        parent = policy.viewable_collections(user).filter(pk=payload.parent).first()
        if parent is None:
            raise ValidationError("Unknown parent collection.")
    if not policy.can_manage_collection(user, parent):
        raise PermissionDenied("You may not create collections here.")
    with transaction.atomic():
        collection = services.create_collection(user, name=payload.name, parent=parent, description=payload.description)
    return Status(201, collection_out(collection, can_edit=True))


@collections_router.get("/{int:collection_id}", response={200: CollectionOut, **ERRORS}, url_name="collection")
def get_collection(request, collection_id: Id):
    collection = policy.viewable_collections(request.auth).filter(pk=collection_id).first()
    if collection is None:
        raise Http404
    return collection_out(collection, can_edit=policy.can_add_to_collection(request.auth, collection))


# --- tags ----------------------------------------------------------------------------------------------------


@tags_router.get("", response={200: list[TagOut], **ERRORS}, url_name="tags")
def list_tags(request):
    """Tags on assets the user may see (admins: every tag)."""
    user = request.auth
    tags = Tag.objects.all()
    if not policy.is_admin(user):
        through = Asset.tags.through
        visible = Asset.objects.visible_to(user).values("pk")
        tags = tags.filter(Exists(through.objects.filter(tag_id=OuterRef("pk"), asset_id__in=visible)))
    return list(tags.order_by("name"))


@tags_router.post("", response={200: TagOut, 201: TagOut, **ERRORS}, url_name="tag_create")
def create_tag(request, payload: TagIn):
    if not policy.can_create_assets(request.auth):
        raise PermissionDenied("You may not create tags.")
    name = " ".join(payload.name.split())
    existing = Tag.objects.filter(name__iexact=name).first()
    if existing:
        return Status(200, existing)
    with transaction.atomic():
        tag = services.tags_from_names([name])[0] if name else None
    if tag is None:
        raise ValidationError("A tag needs a name.")
    return Status(201, tag)
