"""The reviews API: the queue (with each asset's reasons), counts per signal, and review sessions.

Reviews are marketing work: viewers get 403 everywhere here; editors see the assets they may see AND edit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from quiver.core.pagination import MAX_PAGE_SIZE, page_links
from quiver.library import policy

from . import actions, selectors, services
from .models import ReviewItem, ScopeKind
from .reasons import all_signals

router = Router(tags=["reviews"])
SIMPLE_ACTIONS = ("verify", "accept_all", "archive", "skip")


class Error(Schema):
    detail: str | dict


class ReasonOut(Schema):
    signal: str
    label: str
    text: str


class QueueItemOut(Schema):
    asset_id: int
    title: str
    asset_type: str
    owner_id: int | None
    web_url: str
    api_url: str
    reasons: list[ReasonOut]


class QueueOut(Schema):
    count: int
    next: str | None
    previous: str | None
    counts: dict[str, int]
    items: list[QueueItemOut]


class QueueParams(Schema):
    signal: str = ""
    owner: int | None = None
    collection: int | None = None
    asset_type: str = ""
    page: int = 1
    page_size: int = 20


class SignalOut(Schema):
    key: str
    label: str
    description: str
    count: int


class SessionIn(Schema):
    kind: ScopeKind
    value: str = ""
    signal: str = ""
    owner: int | None = None
    collection: int | None = None
    asset_type: str = ""


class ItemOut(Schema):
    id: int
    position: int
    asset_id: int | None
    asset_title: str
    reasons: list[ReasonOut]
    outcome: str
    actions: list[dict]
    note: str
    seconds: int


class SessionOut(Schema):
    id: int
    user: str
    scope_kind: str
    scope_value: str
    scope_label: str
    status: str
    position: int
    seconds: int
    started_at: str
    finished_at: str | None
    web_url: str
    summary: dict | None = None
    items: list[ItemOut] | None = None


class ActionIn(Schema):
    action: str
    note: str = ""


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}


def _reviewer(request):
    if not policy.can_review(request.auth):
        raise PermissionDenied("Reviews are for editors.")
    return request.auth


def _session_out(request, session, *, detail: bool = False) -> dict:
    out = {
        "id": session.pk,
        "user": session.user.username,
        "scope_kind": session.scope_kind,
        "scope_value": session.scope_value,
        "scope_label": session.scope_label,
        "status": session.status,
        "position": session.position,
        "seconds": session.seconds,
        "started_at": session.started_at.isoformat(),
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
        "web_url": request.build_absolute_uri(session.get_absolute_url()),
    }
    if detail:
        summary = selectors.summary(session)
        out["summary"] = {
            "total": summary.total,
            "reviewed": summary.reviewed,
            "seconds": summary.seconds,
            "outcomes": {key: n for key, _, n in summary.outcomes},
            "actions": summary.actions,
        }
        out["items"] = list(session.items.all())
    return out


@router.get("/queue", response={200: QueueOut, **ERRORS}, url_name="reviews_queue")
def review_queue(request, params: Query[QueueParams]):
    """The assets that need a look, each with why: filter by `signal`, `owner`, `collection` (and below) and
    `asset_type`. `counts` gives the number of assets per signal under the same owner/collection/type filters."""
    user = _reviewer(request)
    filters = selectors.QueueFilters.from_params(params.dict())
    if params.signal and filters.signal != params.signal:
        raise ValidationError({"signal": [f"Unknown signal: one of {', '.join(s.key for s in all_signals())}."]})
    if params.asset_type and filters.asset_type != params.asset_type:
        raise ValidationError({"asset_type": ["Unknown asset type."]})
    page, size = max(params.page, 1), min(max(params.page_size, 1), MAX_PAGE_SIZE)
    qs = selectors.queue_assets(user, filters)
    count = qs.count()
    entries = selectors.queue(user, filters, offset=(page - 1) * size, limit=size)
    next_link, previous_link = page_links(request, page, size, count)
    items = [
        {
            "asset_id": e.asset.pk,
            "title": e.asset.title,
            "asset_type": e.asset.asset_type,
            "owner_id": e.asset.owner_id,
            "web_url": request.build_absolute_uri(e.asset.get_absolute_url()),
            "api_url": request.build_absolute_uri(reverse("api:asset", args=[e.asset.pk])),
            "reasons": [r.as_dict() for r in e.reasons],
        }
        for e in entries
    ]
    return {
        "count": count,
        "next": next_link,
        "previous": previous_link,
        "counts": selectors.counts(user, filters=filters),
        "items": items,
    }


@router.get("/signals", response={200: list[SignalOut], **ERRORS}, url_name="reviews_signals")
def review_signals(request):
    """Every registered review signal and how many of the user's assets it flags."""
    user = _reviewer(request)
    counts = selectors.counts(user)
    return [
        {"key": s.key, "label": s.label, "description": s.description, "count": counts[s.key]} for s in all_signals()
    ]


@router.get("/sessions", response={200: list[SessionOut], **ERRORS}, url_name="reviews_sessions")
def review_sessions(request):
    """Review sessions, newest first (the user's own; admins: everyone's), at most 100."""
    user = _reviewer(request)
    return [_session_out(request, s) for s in selectors.sessions_for(user)[:100]]


@router.post("/sessions", response={201: SessionOut, **ERRORS}, url_name="reviews_session_start")
def review_session_start(request, body: SessionIn):
    """Start a session over a scope: kind queue (with the queue filters), signal, collection, owner, asset_type or
    saved_search, and its `value` (a signal key, an id or an asset type)."""
    user = _reviewer(request)
    filters = selectors.QueueFilters.from_params(body.dict())
    with transaction.atomic():
        session = services.start_session(user, body.kind, body.value, filters=filters)
    return Status(201, _session_out(request, session, detail=True))


def _session(user, session_id: int, *, own: bool = False):
    session = selectors.session_for(user, session_id)
    if session is None:
        raise Http404
    if own and not policy.can_work_in_session(user, session):
        raise PermissionDenied("Only who started a session works in it.")
    return session


@router.get("/sessions/{session_id}", response={200: SessionOut, **ERRORS}, url_name="reviews_session")
def review_session(request, session_id: int):
    """A session with its summary (counts per outcome, time spent) and every item's outcome, actions and note."""
    return _session_out(request, _session(_reviewer(request), session_id), detail=True)


@router.post(
    "/sessions/{session_id}/items/{item_id}/action", response={200: ItemOut, **ERRORS}, url_name="reviews_item_action"
)
def review_item_action(request, session_id: int, item_id: int, body: ActionIn):
    """Record `verify`, `accept_all`, `archive` or `skip` (with an optional note) on an item of one's session."""
    user = _reviewer(request)
    session = _session(user, session_id, own=True)
    item = ReviewItem.objects.filter(session=session, pk=item_id).first()
    if item is None:
        raise Http404
    if body.action not in SIMPLE_ACTIONS:
        raise ValidationError(f"action is one of {', '.join(SIMPLE_ACTIONS)}.")
    with transaction.atomic():
        item = getattr(actions, body.action)(user, session, item, note=body.note[:5000])
    return item


def _state_change(request, session_id: int, change):
    user = _reviewer(request)
    session = _session(user, session_id, own=True)
    with transaction.atomic():
        change(user, session)
    return _session_out(request, session)


@router.post("/sessions/{session_id}/pause", response={200: SessionOut, **ERRORS}, url_name="reviews_pause")
def review_pause(request, session_id: int):
    return _state_change(request, session_id, services.pause)


@router.post("/sessions/{session_id}/resume", response={200: SessionOut, **ERRORS}, url_name="reviews_resume")
def review_resume(request, session_id: int):
    return _state_change(request, session_id, services.resume)


@router.post("/sessions/{session_id}/finish", response={200: SessionOut, **ERRORS}, url_name="reviews_finish")
def review_finish(request, session_id: int):
    return _state_change(request, session_id, services.finish)
