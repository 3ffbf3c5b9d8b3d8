"""Review sessions as state changes: start over a scope, move between items, record outcomes, pause, resume,
finish. Time is counted per item while the session is active (pauses excluded, each stretch capped by
QUIVER_REVIEW_IDLE_SECONDS). Services leave the transaction to the caller; `now` may be passed (tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from quiver.library import policy
from quiver.library.models import Asset

from . import scopes
from .models import Outcome, ReviewItem, ReviewSession, SessionStatus
from .selectors import QueueFilters, reasons_for

# Outcomes that end the look at an asset: the session moves on by itself.
ADVANCING = {Outcome.VERIFIED, Outcome.MERGED, Outcome.ARCHIVED, Outcome.SKIPPED}


def start_session(user, kind: str, value: str = "", *, filters: QueueFilters | None = None, now=None) -> ReviewSession:
    if not policy.can_review(user):
        raise PermissionDenied("Reviews are for editors.")
    now = now or timezone.now()
    ids, label = scopes.resolve(user, kind, value, filters, now)
    if not ids:
        raise ValidationError("Nothing to review in this scope.")
    reasons = reasons_for(user, ids, now=now)
    titles = dict(Asset.objects.filter(pk__in=ids).values_list("pk", "title"))
    session = ReviewSession.objects.create(
        user=user,
        scope_kind=kind,
        scope_value=str(value or ""),
        scope_label=label[:300],
        started_at=now,
        updated_at=now,
        clock_started_at=now,
    )
    ReviewItem.objects.bulk_create(
        [
            ReviewItem(
                session=session,
                asset_id=pk,
                asset_title=titles[pk][:300],
                position=i,
                reasons=[r.as_dict() for r in reasons[pk]],
            )
            for i, pk in enumerate(ids)
        ]
    )
    return session


def _own(user, session: ReviewSession) -> None:
    if session.user_id != getattr(user, "pk", None):
        raise PermissionDenied("Only who started a session works in it.")


def _stop_clock(session: ReviewSession, now) -> None:
    """Add the time since the item was shown to it and to the session."""
    if session.clock_started_at is None:
        return
    elapsed = int(min(max((now - session.clock_started_at).total_seconds(), 0), settings.QUIVER_REVIEW_IDLE_SECONDS))
    session.clock_started_at = None
    if elapsed:
        session.seconds += elapsed
        ReviewItem.objects.filter(session=session, position=session.position).update(seconds=F("seconds") + elapsed)


def _save(session: ReviewSession, now) -> None:
    session.updated_at = now
    session.save(update_fields=["status", "position", "clock_started_at", "seconds", "updated_at", "finished_at"])


def item_count(session: ReviewSession) -> int:
    return session.items.count()


def go_to(user, session: ReviewSession, position: int, *, now=None) -> ReviewSession:
    """Show another item (the clock moves with the reviewer)."""
    _own(user, session)
    now = now or timezone.now()
    position = min(max(int(position), 0), max(item_count(session) - 1, 0))
    if session.status == SessionStatus.FINISHED or position == session.position:
        return session
    _stop_clock(session, now)
    session.position = position
    if session.status == SessionStatus.ACTIVE:
        session.clock_started_at = now
    _save(session, now)
    return session


def record(
    user, session: ReviewSession, item: ReviewItem, outcome: str, *, note: str = "", detail=None, now=None
) -> ReviewItem:
    """Record an action on an item: it joins the item's actions; the outcome becomes it (a skip never hides an
    earlier real outcome). An advancing outcome moves the session to the next item."""
    _own(user, session)
    if session.status != SessionStatus.ACTIVE:
        raise ValidationError("Resume the session first.")
    if item.session_id != session.pk:
        raise ValidationError("That item belongs to another session.")
    now = now or timezone.now()
    if item.position != session.position:
        go_to(user, session, item.position, now=now)
    _stop_clock(session, now)
    item.refresh_from_db(fields=["seconds"])
    item.actions = [*item.actions, {"action": outcome, "at": now.isoformat(), "detail": detail or {}}]
    if not (outcome == Outcome.SKIPPED and item.outcome != Outcome.PENDING):
        item.outcome = outcome
    note = (note or "").strip()
    if note:
        item.note = f"{item.note}\n{note}".strip() if item.note else note
    item.decided_at = now
    item.save(update_fields=["actions", "outcome", "note", "decided_at"])
    if outcome in ADVANCING and session.position < item_count(session) - 1:
        session.position += 1
    session.clock_started_at = now
    _save(session, now)
    return item


def add_note(user, session: ReviewSession, item: ReviewItem, note: str) -> ReviewItem:
    _own(user, session)
    note = (note or "").strip()[:5000]
    if note:
        item.note = f"{item.note}\n{note}".strip() if item.note else note
        item.save(update_fields=["note"])
    return item


def pause(user, session: ReviewSession, *, now=None) -> ReviewSession:
    _own(user, session)
    now = now or timezone.now()
    if session.status == SessionStatus.ACTIVE:
        _stop_clock(session, now)
        session.status = SessionStatus.PAUSED
        _save(session, now)
    return session


def resume(user, session: ReviewSession, *, now=None) -> ReviewSession:
    _own(user, session)
    now = now or timezone.now()
    if session.status == SessionStatus.PAUSED:
        session.status = SessionStatus.ACTIVE
        session.clock_started_at = now
        _save(session, now)
    return session


def finish(user, session: ReviewSession, *, now=None) -> ReviewSession:
    _own(user, session)
    now = now or timezone.now()
    if session.status != SessionStatus.FINISHED:
        _stop_clock(session, now)
        session.status = SessionStatus.FINISHED
        session.finished_at = now
        _save(session, now)
    return session
