"""Rows for tests/test_permission_matrix.py (owned by categorize-ui): every categorize/ web route. Same shape as
tests/categorize/matrix_rows.py (whose data builders make the suggestions, rules and runs before each request):
Case(*row) with (url name, method, expected codes "anon viewer editor outsider admin", url kwargs, data builder,
kind, note). The outsider is an editor in no group: the queue and rule pages open for them, empty of what they
cannot see; anything on the shared or hidden asset is a 404."""

from .matrix_rows import RUN, _applied, _pending, _queue, _run

ROI = 15  # the seeded topic value (tests/taxonomy/test_matrix_ids.py keeps it so)
S, H = {"pk": "shared"}, {"pk": "hidden"}
DECISION = {"field": "industry", "value": "Retail"}
ADMIN_ONLY = "L 403 403 403 200"


def _item(key):
    def build(w):
        _pending(w)
        return {"accept": f"{w[key].pk}:industry:Retail"}

    return build


def _items(w):
    _pending(w)
    return {"decision": "accept", "item": [f"{w[k].pk}:industry:Retail" for k in ("shared", "hidden")]}


def _bulk(w):
    return {"asset": [w["shared"].pk, w["hidden"].pk], "remove_tags": "shared-tag", "next": "/"}


def _rule(w):
    return {"algorithm": "any", "pattern": "pricing price"}


WEB_ROWS = [
    # one asset's suggestions (the asset page panel): visible (404), editable (403)
    ("categorize:accept", "post", "L 403 302 404 302", S, _pending, "form"),
    ("categorize:accept", "post", "L 404 404 404 302", H, _pending, "form"),
    ("categorize:reject", "post", "L 403 302 404 302", S, _pending, "form"),
    ("categorize:reject", "post", "L 404 404 404 302", H, _pending, "form"),
    ("categorize:revert", "post", "L 403 302 404 302", S, _applied, "form"),
    ("categorize:revert", "post", "L 404 404 404 302", H, _applied, "form"),
    ("categorize:accept", "get", "L 405 405 405 405", S),
    ("categorize:panel", "get", "L 200 200 404 200", S, _queue),
    ("categorize:panel", "get", "L 404 404 404 200", H, _queue),
    # the review queue: editors and admins, only assets they may edit
    ("categorize:queue", "get", "L 403 200 200 200", {}, _queue),
    ("categorize:queue_decide", "post", "L 403 302 404 302", {}, _item("shared"), "form", "one"),
    ("categorize:queue_decide", "post", "L 403 404 404 302", {}, _item("hidden"), "form", "one hidden"),
    ("categorize:queue_decide", "post", "L 403 302 302= 302", {}, _items, "form", "ticked"),
    # bulk retagging: the service skips what the user may not edit
    ("categorize:bulk", "get", "L 403 200 200 200"),
    ("categorize:bulk", "post", "L 403 302 302= 302", {}, _bulk, "form"),
    ("categorize:bulk_fields", "get", "L 403 200 200 200"),
    # matching rules (editors and admins; a tag only on assets the user cannot see is a 404), thresholds (admins)
    ("categorize:rules", "get", "L 403 200 200 200"),
    ("categorize:rule_tag", "get", "L 403 200 404 200", {"pk": "shared_tag"}),
    ("categorize:rule_tag", "get", "L 403 404 404 200", {"pk": "secret_tag"}),
    ("categorize:rule_tag", "post", "L 403 302 404 302", {"pk": "shared_tag"}, _rule, "form"),
    ("categorize:rule_tag", "post", "L 403 404 404 302", {"pk": "secret_tag"}, _rule, "form"),
    ("categorize:rule_value", "get", "L 403 200 200 200", {"pk": ROI}),
    ("categorize:rule_value", "post", "L 403 302 302 302", {"pk": ROI}, _rule, "form"),
    (
        "categorize:rule_test",
        "post",
        "L 403 200= 200= 200=",
        {},
        lambda w: {"algorithm": "any", "pattern": "hidden", "text": "a hidden word"},
        "form",
    ),
    ("categorize:policies", "get", ADMIN_ONLY),
    (
        "categorize:policies",
        "post",
        "L 403 403 403 302",
        {},
        lambda w: {"tags-auto": "80", "tags-suggest": "20"},
        "form",
    ),
    # applying the rules in the background (the run waits for the worker: nothing compared changes)
    ("categorize:run_start", "post", "L 403 302~ 302~ 302~", {}, lambda w: {"kind": "rules"}, "form"),
    ("categorize:run", "get", "L 403 200 404 200", {"pk": RUN}, _run),
]
