"""Rows for tests/test_permission_matrix.py (owned by the signals engineer): every similarity/ route and every
duplicates API endpoint. Each row is Case(*row): (url name, method, expected codes in ROLES order
"anon viewer editor outsider admin", url kwargs naming world keys or literal ids, data builder, kind, note).

The flag is made by the data builder before the request (flags are outside what the matrix compares), with the
literal id FLAG so the URL can name it: `shared` (the upload, in the root) looks like `link` (visible to every
role that sees the root), `draft` (editors and admins) or `hidden` (admins only)."""

from quiver.similarity.models import DuplicateFlag

FLAG = 9001
S, H = {"asset_id": "shared"}, {"asset_id": "hidden"}
SF = {"asset_id": "shared", "flag_id": FLAG}
WF = {"pk": FLAG}


def _flag(twin_key: str):
    def build(w):
        DuplicateFlag.objects.update_or_create(
            pk=FLAG,
            defaults={"asset": w["shared"], "twin": w[twin_key], "kind": "exact", "score": 1.0, "status": "open"},
        )
        return {}

    return build


SIMILARITY_ROWS = [
    # API: list (a hidden twin is never named: the matrix checks the body for "Hidden plan")
    ("api:asset_duplicates", "get", "401 200 200 404 200", S, _flag("hidden"), "json", "hidden twin"),
    ("api:asset_duplicates", "get", "401 200 200 404 200", S, _flag("link"), "json", "visible twin"),
    ("api:asset_duplicates", "get", "401 404 404 404 200", H, _flag("link"), "json"),
    # API: decide
    ("api:asset_duplicate_merge", "post", "401 403 200 404 200", SF, _flag("link"), "json", "visible twin"),
    ("api:asset_duplicate_merge", "post", "401 404 200 404 200", SF, _flag("draft"), "json", "draft twin"),
    ("api:asset_duplicate_merge", "post", "401 404 404 404 200", SF, _flag("hidden"), "json", "hidden twin"),
    ("api:asset_duplicate_dismiss", "post", "401 403 200 404 200", SF, _flag("link"), "json", "visible twin"),
    ("api:asset_duplicate_dismiss", "post", "401 404 200 404 200", SF, _flag("draft"), "json", "draft twin"),
    ("api:asset_duplicate_dismiss", "post", "401 404 404 404 200", SF, _flag("hidden"), "json", "hidden twin"),
    # web
    ("similarity:flags", "get", "L 403 200 200 200", {}, _flag("hidden"), "form"),
    ("similarity:flag_merge", "get", "L 405 405 405 405", WF, _flag("link"), "form"),
    ("similarity:flag_merge", "post", "L 403 302 404 302", WF, _flag("link"), "form", "visible twin"),
    ("similarity:flag_merge", "post", "L 404 404 404 302", WF, _flag("hidden"), "form", "hidden twin"),
    ("similarity:flag_dismiss", "get", "L 405 405 405 405", WF, _flag("link"), "form"),
    ("similarity:flag_dismiss", "post", "L 403 302 404 302", WF, _flag("link"), "form", "visible twin"),
    ("similarity:flag_dismiss", "post", "L 404 404 404 302", WF, _flag("hidden"), "form", "hidden twin"),
]
