"""The review pages: dashboard, starting a session, walking it (every action through the web form), pause,
resume, finish, the summary and past sessions; who may see what."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quiver.categorize.models import Suggestion
from quiver.demo.files import make_pdf
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus, AssetType, Tag
from quiver.reviews import services
from quiver.reviews.models import Outcome, ReviewSession, ScopeKind, SessionStatus
from quiver.similarity.models import DuplicateFlag
from quiver.taxonomy.models import FacetValue

DAY = dt.timedelta(days=1)


@pytest.fixture
def make(make):
    """The pages run on the real clock: assets made now (not unused)."""

    def _make(*args, **kwargs):
        kwargs.setdefault("created_at", timezone.now() - DAY)
        return make(*args, **kwargs)

    return _make


@pytest.fixture
def as_user(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as


def test_viewers_are_refused_and_anonymous_users_sent_to_log_in(client, viewer, as_user):
    for name in ("reviews:dashboard", "reviews:sessions"):
        assert client.get(reverse(name)).status_code == 302
    as_user(viewer)
    for name in ("reviews:dashboard", "reviews:sessions"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse("reviews:sessions"), {"kind": "queue"}).status_code == 403
    assert not ReviewSession.objects.exists()


def test_dashboard_counts_and_reasons(make, editor, as_user):
    make("Old pricing", expires_at=timezone.now() - DAY)
    make("Soon gone", expires_at=timezone.now() + DAY)
    make("Fine")
    body = as_user(editor).get(reverse("reviews:dashboard")).content.decode()
    assert re.search(r'data-signal="expired">\s*<a href="\?signal=expired"><span class="signal-number">1<', body)
    assert "Old pricing" in body and "Soon gone" in body and "Fine" not in body
    assert "Expired on" in body and "Review these 2" in body
    body = as_user(editor).get(reverse("reviews:dashboard"), {"signal": "expired"}).content.decode()
    assert "Old pricing" in body and "Soon gone" not in body
    assert 'name="signal" value="expired"' in body  # "Review these" keeps the filter


def test_a_long_queue_is_reviewed_a_session_at_a_time(make, editor, as_user, settings):
    settings.QUIVER_REVIEW_SESSION_SIZE = 2
    for _ in range(3):
        make(expires_at=timezone.now() - DAY)
    client = as_user(editor)
    assert "Review the first 2" in client.get(reverse("reviews:dashboard")).content.decode()
    session = start(client, ScopeKind.QUEUE)
    assert session.items.count() == 2


def test_dashboard_queries_do_not_grow_with_the_queue(make, editor, as_user):
    client = as_user(editor)
    counts = []
    for n in (2, 12):
        while Asset.objects.count() < n:
            make(expires_at=timezone.now() - DAY, tags=["x"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reviews:dashboard")).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def start(client, kind, value="", **extra):
    response = client.post(reverse("reviews:sessions"), {"kind": kind, "value": value, **extra})
    session = ReviewSession.objects.order_by("-pk").first()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:walk", args=[session.pk])
    return session


def act(client, session, item, action, **data):
    response = client.post(reverse("reviews:item_action", args=[session.pk, item.pk]), {"action": action, **data})
    assert response.status_code == 302, response.content[:300]
    item.refresh_from_db()
    session.refresh_from_db()
    return item


@pytest.fixture
def decks(make):
    return [make(t, asset_type=AssetType.DECK) for t in ("Alpha deck", "Beta deck", "Gamma deck")]


def test_walk_shows_preview_reasons_suggestions_and_the_keys(
    make, editor, as_user, upload, root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asset = library.create_asset(
            editor,
            title="Pricing deck",
            asset_type=AssetType.DECK,
            collections=[root],
            file=upload(make_pdf(["Pricing overview", "Volume discounts"]), "p.pdf"),
        )
    Suggestion.objects.create(
        asset=asset,
        field="industry",
        confidence=0.72,
        facet_value=FacetValue.objects.get(field__slug="industry", name="Retail"),
        evidence=[{"text": "retail chains", "page": 2}],
    )
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "deck")
    body = client.get(reverse("reviews:walk", args=[session.pk])).content.decode()
    assert "Asset <span data-position>1</span> of 1" in body
    version = Asset.objects.get(pk=asset.pk).current_version
    if version.pages.filter(image__gt="").exists():
        assert reverse("library:page_image", args=[asset.pk, version.number, 1]) in body
    else:
        assert "No image of this page" in body or "No preview" in body
    assert "Retail" in body and "72%" in body and "retail chains" in body and "(p. 2)" in body
    assert "Poorly categorized" in body  # why it is here
    for key in (
        'data-key="v"',
        'data-key="a"',
        'data-key="x"',
        'data-key="s"',
        'data-key="e"',
        'data-key="c"',
        'data-key="u"',
        'data-key="m"',
        'data-key="?"',
    ):
        assert key in body
    assert "reviews/review.js" in body and "<script>" not in body


def test_every_action_through_the_web(decks, make, editor, as_user, admin_user, root):
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "deck")
    one, two, three = session.items.all()
    events = library.create_collection(admin_user, name="Events", parent=root)
    Suggestion.objects.create(asset=decks[0], field="tags", tag=Tag.objects.create(name="pricing"), confidence=0.7)
    act(client, session, one, "accept_all")
    act(
        client,
        session,
        one,
        "retag",
        add_tags="roi, Q3",
        remove_tags=["alpha"],
        add_values=[FacetValue.objects.get(field__slug="industry", name="Retail").pk],
    )
    act(client, session, one, "collections", collections=[events.pk])
    act(client, session, one, "edit", title="Alpha deck 2026", description="", asset_type="deck", language="en")
    one = act(client, session, one, "verify", note="all good")
    assert [a["action"] for a in one.actions] == ["retagged", "retagged", "repurposed", "edited", "verified"]
    assert one.outcome == Outcome.VERIFIED and one.note == "all good" and session.position == 1
    alpha = Asset.objects.get(pk=decks[0].pk)
    assert alpha.title == "Alpha deck 2026" and alpha.verified_until is not None
    assert {"pricing", "roi", "Q3", "beta"} == {t.name for t in alpha.tags.all()}
    assert events in alpha.collections.all()
    twin = make("Beta deck original")
    DuplicateFlag.objects.create(asset=decks[1], twin=twin, kind="exact", score=1.0)
    body = client.get(reverse("reviews:walk", args=[session.pk])).content.decode()
    assert "Same file as “Beta deck original”" not in body  # reasons were taken at the start...
    assert "Beta deck original" in body  # ...but the twin is offered to merge into
    two = act(client, session, two, "merge", twin=twin.pk)
    assert two.outcome == Outcome.MERGED and Asset.objects.get(pk=decks[1].pk).merged_into == twin
    body = client.get(reverse("reviews:walk", args=[session.pk]), {"at": 2}).content.decode()
    assert "“Beta deck” was merged into its twin." in body and 'data-key="x"' not in body
    client.get(reverse("reviews:walk", args=[session.pk]), {"at": 3})
    three = act(client, session, three, "note", note="ask Maria")
    assert three.note == "ask Maria" and three.outcome == Outcome.PENDING
    body = client.get(reverse("reviews:walk", args=[session.pk])).content.decode()
    assert "ask Maria" in body
    note = act(client, session, three, "note", note="<script>alert(1)</script>")
    body = client.get(reverse("reviews:walk", args=[session.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert note.note == "ask Maria\n<script>alert(1)</script>"
    three = act(client, session, three, "archive")
    assert three.outcome == Outcome.ARCHIVED and Asset.objects.get(pk=decks[2].pk).status == AssetStatus.ARCHIVED


def test_replacement_upload_through_the_web(editor, as_user, upload, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset = library.create_asset(
            editor,
            title="Datasheet",
            asset_type=AssetType.DATASHEET,
            collections=[root],
            file=upload(make_pdf(["v1"]), "ds.pdf"),
        )
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "datasheet")
    item = session.items.get()
    with django_capture_on_commit_callbacks(execute=True):
        item = act(
            client,
            session,
            item,
            "replace",
            change_note="2026",
            file=SimpleUploadedFile("ds-2026.pdf", make_pdf(["the 2026 numbers"])),
        )
    asset.refresh_from_db()
    assert asset.current_version.number == 2 and asset.current_version.original_filename == "ds-2026.pdf"
    assert item.outcome == Outcome.REPLACED


def test_refused_actions_say_why_and_change_nothing(decks, editor, as_user):
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "deck")
    item = session.items.get(position=0)
    response = client.post(
        reverse("reviews:item_action", args=[session.pk, item.pk]), {"action": "accept_all"}, follow=True
    )
    assert "No suggestions are waiting" in response.content.decode()
    item = act(client, session, item, "collections")  # nothing chosen
    item = act(client, session, item, "bogus")
    assert item.actions == [] and item.outcome == Outcome.PENDING


def test_pause_resume_finish_and_the_summary(decks, editor, as_user):
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "deck")
    one = session.items.get(position=0)
    act(client, session, one, "skip")
    assert client.post(reverse("reviews:pause", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.PAUSED
    body = client.get(reverse("reviews:walk", args=[session.pk])).content.decode()
    assert "This session is paused" in body and 'data-key="v"' not in body
    two = session.items.get(position=1)
    act(client, session, two, "archive")
    assert two.outcome == Outcome.PENDING and Asset.objects.get(pk=two.asset_id).status == AssetStatus.PUBLISHED
    client.post(reverse("reviews:resume", args=[session.pk]))
    act(client, session, two, "archive")
    assert two.outcome == Outcome.ARCHIVED
    response = client.post(reverse("reviews:finish", args=[session.pk]))
    assert response["Location"] == reverse("reviews:session", args=[session.pk])
    body = client.get(response["Location"]).content.decode()
    assert re.search(r"<strong data-reviewed>2</strong> of 3", body)
    assert re.search(r'data-outcome="archived"><dt>Archived</dt><dd>1<', body)
    assert re.search(r'data-outcome="skipped"><dt>Skipped</dt><dd>1<', body)
    assert client.get(reverse("reviews:walk", args=[session.pk]))["Location"] == response["Location"]
    listing = client.get(reverse("reviews:sessions")).content.decode()
    assert "Type: Presentation deck" in listing and "Finished" in listing


def test_walk_navigation_by_position(decks, editor, as_user):
    client = as_user(editor)
    session = start(client, ScopeKind.ASSET_TYPE, "deck")
    body = client.get(reverse("reviews:walk", args=[session.pk]), {"at": 3}).content.decode()
    assert "Asset <span data-position>3</span> of 3" in body and "Gamma deck" in body
    body = client.get(reverse("reviews:walk", args=[session.pk]), {"at": 99}).content.decode()
    assert "Asset <span data-position>3</span> of 3" in body


def test_sessions_belong_to_who_started_them(decks, editor, other_editor, admin_user, client):
    session = services.start_session(editor, ScopeKind.ASSET_TYPE, "deck")
    item = session.items.get(position=0)
    client.force_login(other_editor)
    assert client.get(reverse("reviews:session", args=[session.pk])).status_code == 404
    assert client.get(reverse("reviews:walk", args=[session.pk])).status_code == 404
    assert (
        client.post(reverse("reviews:item_action", args=[session.pk, item.pk]), {"action": "archive"}).status_code
        == 404
    )
    client.force_login(admin_user)
    assert client.get(reverse("reviews:session", args=[session.pk])).status_code == 200
    assert client.get(reverse("reviews:walk", args=[session.pk])).status_code == 403
    assert (
        client.post(reverse("reviews:item_action", args=[session.pk, item.pk]), {"action": "archive"}).status_code
        == 403
    )
    assert Asset.objects.get(pk=item.asset_id).status == AssetStatus.PUBLISHED
