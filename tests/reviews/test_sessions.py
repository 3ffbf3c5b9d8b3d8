"""Sessions: scopes, walking, outcomes and notes, time spent, pause and resume, the summary."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quiver.library.models import AssetType
from quiver.reviews import selectors, services
from quiver.reviews.models import Outcome, ScopeKind, SessionStatus
from quiver.search.models import SavedSearch

from .conftest import NOW

DAY = dt.timedelta(days=1)
S = dt.timedelta(seconds=1)


def titles(session):
    return [i.asset_title for i in session.items.all()]


def test_a_session_over_a_collection_takes_what_the_editor_may_review(make, editor, admin_user, root, secret):
    from quiver.library import services as library

    sub = library.create_collection(admin_user, name="Products", parent=root)
    make("B deck", collections=[sub])
    make("A deck", collections=[sub], expires_at=NOW - DAY)
    make("Elsewhere")
    make("Hidden", actor=admin_user, collections=[secret])
    session = services.start_session(editor, ScopeKind.COLLECTION, str(sub.pk), now=NOW)
    assert titles(session) == ["A deck", "B deck"]
    assert session.scope_label == "Collection “Products”"
    first = session.items.get(position=0)
    assert [r["signal"] for r in first.reasons] == ["expired"]  # why it was in the queue, kept with the item
    with pytest.raises(ValidationError):
        services.start_session(editor, ScopeKind.COLLECTION, str(secret.pk), now=NOW)


@pytest.mark.parametrize("kind", [ScopeKind.OWNER, ScopeKind.ASSET_TYPE, ScopeKind.SIGNAL, ScopeKind.QUEUE])
def test_the_other_scopes(make, editor, other_editor, kind):
    make("Mine image", asset_type=AssetType.IMAGE)  # no facet is required for images: not in the queue
    make("Theirs", actor=other_editor, expires_at=NOW - DAY)
    value = {
        ScopeKind.OWNER: str(other_editor.pk),
        ScopeKind.ASSET_TYPE: "image",
        ScopeKind.SIGNAL: "expired",
        ScopeKind.QUEUE: "",
    }[kind]
    session = services.start_session(editor, kind, value, now=NOW)
    assert titles(session) == (["Mine image"] if kind == ScopeKind.ASSET_TYPE else ["Theirs"])


def test_a_queue_session_keeps_the_dashboard_filters(make, editor):
    make("Expired", expires_at=NOW - DAY)
    make("Expiring", expires_at=NOW + DAY)
    session = services.start_session(
        editor, ScopeKind.QUEUE, filters=selectors.QueueFilters(signal="expiring"), now=NOW
    )
    assert titles(session) == ["Expiring"]


def test_a_session_over_a_saved_search_runs_it_through_search(
    make, editor, admin_user, secret, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the index follows the library at commit
        make("Heron pricing", tags=["heron", "pricing"])
        make("Heron battlecard", tags=["heron", "x"])
        make("Osprey deck", tags=["osprey", "x"])
        make("Heron board plan", actor=admin_user, collections=[secret], tags=["heron", "x"])
    saved = SavedSearch.objects.create(user=editor, name="Herons", params="q=heron")
    session = services.start_session(editor, ScopeKind.SAVED_SEARCH, str(saved.pk), now=NOW)
    assert sorted(titles(session)) == ["Heron battlecard", "Heron pricing"]
    assert session.scope_label == "Saved search “Herons”"
    other = SavedSearch.objects.create(user=admin_user, name="Mine", params="q=heron")
    with pytest.raises(ValidationError):  # someone else's saved search
        services.start_session(editor, ScopeKind.SAVED_SEARCH, str(other.pk), now=NOW)


def test_nonsense_scopes_and_empty_scopes_are_refused(make, editor, viewer):
    for kind, value in [
        ("nope", ""),
        (ScopeKind.SIGNAL, "nope"),
        (ScopeKind.ASSET_TYPE, "nope"),
        (ScopeKind.COLLECTION, "x"),
        (ScopeKind.OWNER, "999999"),
        (ScopeKind.QUEUE, ""),
    ]:
        with pytest.raises(ValidationError):
            services.start_session(editor, kind, value, now=NOW)
    with pytest.raises(PermissionDenied):
        services.start_session(viewer, ScopeKind.QUEUE, now=NOW)


def test_the_session_size_is_capped(make, editor, settings):
    settings.QUIVER_REVIEW_SESSION_SIZE = 2
    for i in range(4):
        make(f"A{i}", asset_type=AssetType.DECK)
    assert len(titles(services.start_session(editor, ScopeKind.ASSET_TYPE, "deck", now=NOW))) == 2


@pytest.fixture
def session(make, editor):
    for title in ("One", "Two", "Three"):
        make(title, asset_type=AssetType.DECK)
    return services.start_session(editor, ScopeKind.ASSET_TYPE, "deck", now=NOW)


def test_outcomes_notes_and_time_per_item(session, editor):
    one, two, three = session.items.all()
    services.record(editor, session, one, Outcome.RETAGGED, note="tags fixed", now=NOW + 20 * S)
    assert session.position == 0  # retagging stays on the asset
    services.record(editor, session, one, Outcome.VERIFIED, note="still right", now=NOW + 30 * S)
    assert session.position == 1  # verifying moves on
    services.record(editor, session, two, Outcome.SKIPPED, now=NOW + 35 * S)
    services.go_to(editor, session, 0, now=NOW + 40 * S)  # back to the first
    services.record(editor, session, one, Outcome.SKIPPED, now=NOW + 42 * S)  # a skip keeps the real outcome
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.outcome == Outcome.VERIFIED and one.note == "tags fixed\nstill right"
    assert [a["action"] for a in one.actions] == ["retagged", "verified", "skipped"]
    assert one.seconds == 30 + 2 and two.seconds == 5  # 20 s + 10 s, then 2 s after coming back
    assert session.position == 1
    session.refresh_from_db()
    assert session.seconds == 42
    assert three.outcome == Outcome.PENDING


def test_idle_time_is_capped(session, editor, settings):
    settings.QUIVER_REVIEW_IDLE_SECONDS = 60
    one = session.items.get(position=0)
    services.record(editor, session, one, Outcome.VERIFIED, now=NOW + dt.timedelta(hours=3))
    one.refresh_from_db()
    assert one.seconds == 60


def test_pause_stops_the_clock_and_resume_starts_it(session, editor):
    one = session.items.get(position=0)
    services.pause(editor, session, now=NOW + 10 * S)
    assert session.status == SessionStatus.PAUSED
    with pytest.raises(ValidationError):
        services.record(editor, session, one, Outcome.VERIFIED, now=NOW + 20 * S)
    services.resume(editor, session, now=NOW + 3600 * S)  # an hour away is not counted
    services.record(editor, session, one, Outcome.VERIFIED, now=NOW + 3605 * S)
    one.refresh_from_db()
    session.refresh_from_db()
    assert (one.seconds, session.seconds, session.status) == (15, 15, SessionStatus.ACTIVE)


def test_finish_and_the_summary(session, editor):
    one, two, three = session.items.all()
    services.record(editor, session, one, Outcome.VERIFIED, now=NOW + 10 * S)
    services.record(editor, session, two, Outcome.ARCHIVED, now=NOW + 25 * S)
    services.record(editor, session, three, Outcome.RETAGGED, now=NOW + 30 * S)
    services.record(editor, session, three, Outcome.SKIPPED, now=NOW + 31 * S)
    services.finish(editor, session, now=NOW + 40 * S)
    summary = selectors.summary(session)
    counts = {key: n for key, _, n in summary.outcomes}
    assert counts["verified"] == counts["archived"] == counts["retagged"] == 1 and counts["pending"] == 0
    assert summary.actions == {"verified": 1, "archived": 1, "retagged": 1, "skipped": 1}
    assert (summary.total, summary.reviewed, summary.seconds, summary.minutes) == (3, 3, 40, "0 min 40 s")
    assert session.status == SessionStatus.FINISHED and session.finished_at == NOW + 40 * S
    with pytest.raises(ValidationError):
        services.record(editor, session, one, Outcome.VERIFIED, now=NOW + 50 * S)


def test_only_who_started_it_works_in_a_session(session, other_editor, admin_user):
    one = session.items.get(position=0)
    for user in (other_editor, admin_user):
        with pytest.raises(PermissionDenied):
            services.record(user, session, one, Outcome.VERIFIED, now=NOW)
        with pytest.raises(PermissionDenied):
            services.pause(user, session, now=NOW)
    assert selectors.session_for(admin_user, session.pk) == session  # admins browse everyone's sessions
    assert selectors.session_for(other_editor, session.pk) is None
