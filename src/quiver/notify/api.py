"""My notifications over the API: list (unread first), unread count, mark read. Only the caller's own, only
about assets they can still see."""

from datetime import datetime

from django.db import transaction
from django.http import Http404
from ninja import Field, Query, Router, Schema

from quiver.core.pagination import MAX_PAGE_SIZE, paginate

from . import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    message: str
    url: str
    asset_id: int | None
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    count: int
    unread: int
    next: str | None
    previous: str | None
    items: list[NotificationOut]


class ListParams(Schema):
    unread: bool = False
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class Marked(Schema):
    marked: int


def _out(note) -> dict:
    return {
        "id": note.pk,
        "kind": note.kind,
        "message": note.message,
        "url": note.url,
        "asset_id": note.asset_id,
        "created_at": note.created_at,
        "read": note.read_at is not None,
    }


@router.get("", response=NotificationPage, url_name="notifications")
def notifications(request, params: Query[ListParams]):
    qs = selectors.notifications_for(request.auth)
    if params.unread:
        qs = qs.filter(read_at__isnull=True)
    page = paginate(request, qs, params.page, params.page_size)
    page["items"] = [_out(n) for n in page["items"]]
    return {**page, "unread": selectors.unread_count(request.auth)}


@router.post("/read-all", response=Marked, url_name="notifications_read_all")
def read_all(request):
    with transaction.atomic():
        return {"marked": services.mark_all_read(request.auth)}


@router.post("/{int:notification_id}/read", response=NotificationOut, url_name="notification_read")
def read(request, notification_id: int):
    if not selectors.notifications_for(request.auth).filter(pk=notification_id).exists():
        raise Http404
    with transaction.atomic():
        services.mark_read(request.auth, notification_id)
    return _out(selectors.notifications_for(request.auth).get(pk=notification_id))
