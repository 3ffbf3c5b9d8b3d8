"""Rows for tests/test_permission_matrix.py (owned by the search integration engineer): every search/ route and
the search API. Same shape as tests/taxonomy/matrix_rows.py: Case(*row) with (url name, method, expected codes
in ROLES order "anon viewer editor outsider admin", url kwargs, data builder, kind, note). Search logs and saved
searches are not part of the matrix's compared state, so saving a search is marked `~`. Deeper checks (a user's
own logs and saved searches only, hidden assets never in results or counts) are in tests/search/test_*.py."""

NONE = {"pk": 999999}


def _in_secret(w):
    return {"in": w["secret"].pk, "q": "plan"}


SEARCH_ROWS = [
    ("api:search", "get", "401 200 200 200 200", {}, lambda w: {"q": "deck", "topic": "ROI"}),
    ("api:search", "get", "401 404 404 404 200", {}, _in_secret, "json", "scoped to a hidden collection"),
    ("search:search", "get", "L 200 200 200 200", {}, lambda w: {"q": "deck", "sort": "newest"}),
    ("search:search", "get", "L 404 404 404 200", {}, _in_secret, "json", "scoped to a hidden collection"),
    (
        "search:click",
        "get",
        "L 404 404 404 404",
        {"log_id": 999999},
        lambda w: {"asset": w["shared"].pk, "position": 1},
    ),
    ("search:saved", "get", "L 200 200 200 200"),
    ("search:saved", "post", "L 302~ 302~ 302~ 302~", {}, lambda w: {"name": "Decks", "q": "deck"}, "form"),
    ("search:saved_run", "get", "L 404 404 404 404", NONE),
    ("search:saved_delete", "post", "L 404 404 404 404", NONE),
    ("search:analytics", "get", "L 403 403 403 200"),
]
