"""Rows for tests/test_permission_matrix.py (owned by the API engineer): every accounts/ and audit/ route.

Each row is (url name, method, expected codes in ROLES order "anon viewer editor outsider admin", url kwargs
naming world keys, form data builder or None). Fold in with:
    WEB += [Case(n, m, e, k, d, kind="form") for n, m, e, k, d in ACCOUNT_ROWS]
Successful web POSTs answer 302 (post/redirect/get) AND change state, so the matrix's "a redirect changed
nothing" check must not apply to expected 302s of POSTs.
"""

ADMIN_ONLY = "L 403 403 403 200"
ADMIN_POST = "L 403 403 403 302"

ACCOUNT_ROWS = [
    ("accounts:login", "get", "200 302 302 302 302", {}, None),
    ("accounts:logout", "post", "L L L L L", {}, None),
    ("accounts:me", "get", "L 200 200 200 200", {}, None),
    ("accounts:password_change", "get", "L 200 200 200 200", {}, None),
    ("accounts:tokens", "get", "L 200 200 200 200", {}, None),
    ("accounts:tokens", "post", "L 200 200 200 200", {}, lambda w: {"name": "matrix"}),
    # The editor's own token: its owner and admins may revoke it; others get 404 (not even its existence).
    ("accounts:token_revoke", "post", "L 404 302 404 302", {"pk": "editor_token"}, None),
    ("accounts:tokens_admin", "get", ADMIN_ONLY, {}, None),
    ("accounts:users", "get", ADMIN_ONLY, {}, None),
    ("accounts:user_create", "get", ADMIN_ONLY, {}, None),
    (
        "accounts:user_create",
        "post",
        ADMIN_POST,
        {},
        lambda w: {"username": "matrix-new", "role": "viewer", "password": "pw-matrix-new-1"},
    ),
    ("accounts:user", "get", ADMIN_ONLY, {"pk": "viewer_user"}, None),
    ("accounts:user_profile", "post", ADMIN_POST, {"pk": "viewer_user"}, lambda w: {"first_name": "Vee"}),
    ("accounts:user_role", "post", ADMIN_POST, {"pk": "viewer_user"}, lambda w: {"role": "editor"}),
    ("accounts:user_groups", "post", ADMIN_POST, {"pk": "viewer_user"}, lambda w: {"groups": [w["marketing"].pk]}),
    ("accounts:user_active", "post", ADMIN_POST, {"pk": "viewer_user"}, lambda w: {"active": "0"}),
    ("accounts:groups", "get", ADMIN_ONLY, {}, None),
    ("accounts:groups", "post", ADMIN_POST, {}, lambda w: {"name": "Matrix group"}),
    ("accounts:group", "get", ADMIN_ONLY, {"pk": "sales"}, None),
    ("accounts:group_rename", "post", ADMIN_POST, {"pk": "sales"}, lambda w: {"name": "Field sales"}),
    ("accounts:group_members", "post", ADMIN_POST, {"pk": "sales"}, lambda w: {"members": [w["viewer_user"].pk]}),
    ("library:grants", "get", ADMIN_ONLY, {}, None),
    ("library:grant", "get", ADMIN_ONLY, {"pk": "secret"}, None),
    ("library:grant_set", "post", ADMIN_POST, {"pk": "secret"}, lambda w: {"group": w["sales"].pk, "level": "view"}),
    ("library:grant_remove", "post", ADMIN_POST, {"pk": "root", "group_pk": "sales"}, None),
    ("core:audit", "get", ADMIN_ONLY, {}, None),
    ("insights:usage", "get", ADMIN_ONLY, {}, None),
]
