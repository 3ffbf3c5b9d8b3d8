"""Rows for tests/test_permission_matrix.py (owned by the reviews engineer): every reviews/ route and the reviews
API. Each row is Case(*row): (url name, method, expected codes in ROLES order "anon viewer editor outsider admin",
url kwargs naming world keys or literal ids, data builder, kind, note).

Reviews are marketing work: viewers are refused (403) everywhere. A session belongs to who started it: the data
builder makes the world editor's session SESSION (literal id, so URLs can name it) over the library root, with
one item ITEM on `shared`; the outsider does not see it (404), admins browse it (200) but do not work in it (403).
Sessions are outside what the matrix compares, so starting, pausing or skipping is `~`; archiving through the
session changes the asset and must."""

from django.utils import timezone

from quiver.reviews.models import ReviewItem, ReviewSession

SESSION, ITEM = 9101, 9102
WS, WI = {"pk": SESSION}, {"pk": SESSION, "item_pk": ITEM}
AS, AI = {"session_id": SESSION}, {"session_id": SESSION, "item_id": ITEM}


def _session(w):
    now = timezone.now()
    session, _ = ReviewSession.objects.update_or_create(
        pk=SESSION,
        defaults={
            "user": w["editor_user"],
            "scope_kind": "collection",
            "scope_value": str(w["root"].pk),
            "scope_label": "Collection “Library”",
            "status": "active",
            "position": 0,
            "started_at": now,
            "updated_at": now,
            "clock_started_at": now,
        },
    )
    ReviewItem.objects.update_or_create(
        pk=ITEM, defaults={"session": session, "asset": w["shared"], "asset_title": w["shared"].title, "position": 0}
    )
    return {}


def _act(action):
    def build(w):
        _session(w)
        return {"action": action}

    return build


def _start(w):
    return {"kind": "collection", "value": str(w["root"].pk)}


REVIEWS_ROWS = [
    # web
    ("reviews:dashboard", "get", "L 403 200 200 200"),
    ("reviews:sessions", "get", "L 403 200 200 200", {}, _session, "form"),
    ("reviews:sessions", "post", "L 403 302~ 302= 302~", {}, _start, "form", "over the root"),
    ("reviews:session", "get", "L 403 200 404 200", WS, _session, "form"),
    ("reviews:walk", "get", "L 403 200 404 403", WS, _session, "form"),
    ("reviews:item_action", "post", "L 403 302 404 403", WI, _act("archive"), "form", "archive"),
    ("reviews:item_action", "post", "L 403 302~ 404 403", WI, _act("skip"), "form", "skip"),
    ("reviews:pause", "post", "L 403 302~ 404 403", WS, _session, "form"),
    ("reviews:resume", "post", "L 403 302~ 404 403", WS, _session, "form"),
    ("reviews:finish", "post", "L 403 302~ 404 403", WS, _session, "form"),
    # API
    ("api:reviews_queue", "get", "401 403 200 200 200"),
    ("api:reviews_signals", "get", "401 403 200 200 200"),
    ("api:reviews_sessions", "get", "401 403 200 200 200", {}, _session),
    ("api:reviews_session_start", "post", "401 403 201~ 400 201~", {}, _start),
    ("api:reviews_session", "get", "401 403 200 404 200", AS, _session),
    ("api:reviews_item_action", "post", "401 403 200 404 403", AI, _act("archive"), "json", "archive"),
    ("api:reviews_item_action", "post", "401 403 200~ 404 403", AI, _act("skip"), "json", "skip"),
    ("api:reviews_pause", "post", "401 403 200~ 404 403", AS, _session),
    ("api:reviews_resume", "post", "401 403 200~ 404 403", AS, _session),
    ("api:reviews_finish", "post", "401 403 200~ 404 403", AS, _session),
]
