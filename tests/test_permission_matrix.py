"""The permission matrix: every web view and every API endpoint, for every role, on objects the role may and
may not see, with the expected status code. A completeness test walks the URL resolver so that a new route
without a row here breaks the build.

Roles: anon (no credentials), viewer (sales), editor (marketing, edit grant on the library root), outsider
(an editor in no group), admin. Objects come from tests/api/world.py. API requests authenticate with a personal
token; web requests with the session. Expected codes are written in role order: "anon viewer editor outsider
admin"; `L` means a redirect to the login page; a trailing `=` means "and nothing changed" (a refused form
shown again), `~` "may or may not change"; any other allowed POST/PATCH must change something (a view that
silently refuses with a redirect is caught). GET requests, refusals (4xx) and login redirects must never change
anything.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from quiver.accounts.models import ApiToken
from quiver.core.models import AuditEntry
from quiver.demo.files import make_pdf
from quiver.library.models import Asset, AssetVersion, Collection, CollectionGrant, Tag
from tests.api.world import ROLES, all_routes, build_world
from tests.categorize.matrix_rows import CATEGORIZE_API_ROWS
from tests.categorize.matrix_rows_web import WEB_ROWS as CATEGORIZE_WEB_ROWS
from tests.lifecycle.matrix_rows import LIFECYCLE_ROWS
from tests.notify.matrix_rows import NOTIFY_ROWS
from tests.reviews.matrix_rows import REVIEWS_ROWS
from tests.search.matrix_rows import SEARCH_ROWS
from tests.similarity.matrix_rows import SIMILARITY_ROWS
from tests.taxonomy.matrix_rows import TAXONOMY_ROWS

# Names of the hidden asset and of the collection nobody but admins may see: no other role's page may show them.
SECRETS = ("Hidden plan", "Board room")

# Routes that carry no permission decision of their own.
NOT_IN_MATRIX = {"api:openapi-json", "api:openapi-view", "api:api-root"}


@dataclass(frozen=True)
class Case:
    name: str  # "namespace:url_name"
    method: str
    expect: str  # five codes in ROLES order
    kwargs: dict = field(default_factory=dict)  # url kwarg -> world key (its pk) or a literal int
    data: Callable[[dict], dict] | None = None
    kind: str = "json"  # json / multipart / form
    note: str = ""

    def codes(self) -> dict:
        values = self.expect.split()
        assert len(values) == len(ROLES), self
        return dict(zip(ROLES, values))

    @property
    def id(self) -> str:
        target = "-".join(str(v) for v in self.kwargs.values())
        return f"{self.name}:{self.method}:{target}{':' + self.note if self.note else ''}"


def _pdf(world):
    return {"file": SimpleUploadedFile("new.pdf", make_pdf(["a new version"])), "change_note": "matrix"}


API = [
    Case("api:assets", "get", "401 200 200 200 200"),
    Case(
        "api:asset_create",
        "post",
        "401 403 201 400 201",
        kind="multipart",
        note="into root",
        data=lambda w: {"link_url": "https://example.com/new", "collection": [w["root"].pk]},
    ),
    Case(
        "api:asset_create",
        "post",
        "401 403 201 201 201",
        kind="multipart",
        note="no collection",
        data=lambda w: {"link_url": "https://example.com/new"},
    ),
    Case(
        "api:asset_create",
        "post",
        "401 403 400 400 201",
        kind="multipart",
        note="into secret",
        data=lambda w: {"link_url": "https://example.com/new", "collection": [w["secret"].pk]},
    ),
    Case("api:asset", "get", "401 200 200 404 200", {"asset_id": "shared"}),
    Case("api:asset", "get", "401 404 200 404 200", {"asset_id": "draft"}),
    Case("api:asset", "get", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset", "get", "401 404 404 200 200", {"asset_id": "own"}),
    Case(
        "api:asset_update", "patch", "401 403 200 404 200", {"asset_id": "shared"}, data=lambda w: {"title": "Changed"}
    ),
    Case(
        "api:asset_update", "patch", "401 404 200 404 200", {"asset_id": "draft"}, data=lambda w: {"title": "Changed"}
    ),
    Case(
        "api:asset_update", "patch", "401 404 404 404 200", {"asset_id": "hidden"}, data=lambda w: {"title": "Changed"}
    ),
    Case("api:asset_update", "patch", "401 404 404 200 200", {"asset_id": "own"}, data=lambda w: {"title": "Changed"}),
    Case(
        "api:asset_update",
        "patch",
        "401 403 400 404 200",
        {"asset_id": "shared"},
        note="move to secret",
        data=lambda w: {"collections": [w["secret"].pk]},
    ),
    Case(
        "api:asset_update",
        "patch",
        "401 404 404 400 200",
        {"asset_id": "own"},
        note="move to root",
        data=lambda w: {"collections": [w["root"].pk]},
    ),
    Case("api:asset_archive", "post", "401 403 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_archive", "post", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset_restore", "post", "401 403 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_restore", "post", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset_retry", "post", "401 403 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_retry", "post", "401 404 404 404 400", {"asset_id": "hidden"}, note="not failed"),
    Case("api:asset_versions", "get", "401 200 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_versions", "get", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset_add_version", "post", "401 403 201 404 201", {"asset_id": "shared"}, _pdf, "multipart"),
    Case("api:asset_add_version", "post", "401 404 404 404 201", {"asset_id": "hidden"}, _pdf, "multipart"),
    Case("api:asset_add_version", "post", "401 404 404 201 201", {"asset_id": "own"}, _pdf, "multipart"),
    Case("api:asset_pages", "get", "401 200 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_pages", "get", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset_download", "get", "401 200 200 404 200", {"asset_id": "shared"}),
    Case("api:asset_download", "get", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:collections", "get", "401 200 200 200 200"),
    Case(
        "api:collection_create",
        "post",
        "401 403 201 400 201",
        note="under root",
        data=lambda w: {"name": "New", "parent": w["root"].pk},
    ),
    Case("api:collection_create", "post", "401 403 403 403 201", note="top level", data=lambda w: {"name": "Top"}),
    Case(
        "api:collection_create",
        "post",
        "401 400 400 400 201",
        note="under secret",
        data=lambda w: {"name": "New", "parent": w["secret"].pk},
    ),
    Case("api:collection", "get", "401 200 200 404 200", {"collection_id": "root"}),
    Case("api:collection", "get", "401 404 404 404 200", {"collection_id": "secret"}),
    Case("api:tags", "get", "401 200 200 200 200"),
    Case("api:tag_create", "post", "401 403 201 201 201", data=lambda w: {"name": "fresh"}),
    Case("api:me", "get", "401 200 200 200 200"),
    Case("api:queues", "get", "401 403 200 200 200", note="counts only; for users who may upload"),
]


def _edit(collection_key: str):
    return lambda w: {
        "title": "Changed",
        "description": "",
        "asset_type": "deck",
        "status": "published",
        "language": "en",
        "link_url": "",
        "collections": [w[collection_key].pk],
        "tags": "a, b",
    }


def _upload(w):
    return {"files": [SimpleUploadedFile("up.pdf", make_pdf(["uploaded"]))], "collections": [w["root"].pk]}


def _link(w):
    return {"link_url": "https://example.com/x", "title": "X", "collections": [w["root"].pk]}


def _new_user(w):
    return {"username": "newbie", "role": "viewer", "password": "a-long-password-1", "groups": [w["sales"].pk]}


S, H, O = {"pk": "shared"}, {"pk": "hidden"}, {"pk": "own"}
SV, HV = {"pk": "shared", "number": 1}, {"pk": "hidden", "number": 1}
V, SALES, ROOT = {"pk": "viewer_user"}, {"pk": "sales"}, {"pk": "root"}

WEB = [
    # library
    Case("library:home", "get", "L 200 200 200 200"),
    Case("library:upload", "get", "L 403 200 200 200"),
    Case("library:upload", "post", "L 403 200 200= 200", data=_upload, kind="multipart"),
    Case("library:upload_status", "get", "L 200 200 200 200", note="only visible assets are listed"),
    Case("library:link_create", "get", "L 403 200 200 200"),
    Case("library:link_create", "post", "L 403 302 200= 302", data=_link, kind="form"),
    Case("library:asset", "get", "L 200 200 404 200", S),
    Case("library:asset", "get", "L 404 200 404 200", {"pk": "draft"}),
    Case("library:asset", "get", "L 404 404 404 200", H),
    Case("library:asset", "get", "L 404 404 200 200", O),
    Case("library:asset_preview", "get", "L 200 200 404 200", S),
    Case("library:asset_preview", "get", "L 404 404 404 200", H),
    Case("library:asset_status", "get", "L 204 204 404 204", S),
    Case("library:asset_status", "get", "L 404 404 404 200", H, note="processing"),
    Case("library:open_link", "get", "L 302 302 404 302", {"pk": "link"}),
    Case("library:open_link", "get", "L 404 404 302 302", O),
    Case("library:asset_edit", "get", "L 403 200 404 200", S),
    Case("library:asset_edit", "get", "L 404 404 404 200", H),
    Case("library:asset_edit", "post", "L 403 302 404 302", S, _edit("root"), "form"),
    Case("library:asset_edit", "post", "L 403 200= 404 302", S, _edit("secret"), "form", note="move to secret"),
    Case("library:asset_edit", "post", "L 404 404 404 302", H, _edit("secret"), "form"),
    Case("library:asset_archive", "get", "L 403 200 404 200", S),
    Case("library:asset_archive", "post", "L 403 302 404 302", S),
    Case("library:asset_archive", "post", "L 404 404 404 302", H),
    Case("library:asset_restore", "get", "L 403 200 404 200", S),
    Case("library:asset_restore", "post", "L 403 302 404 302", S),
    Case("library:asset_restore", "post", "L 404 404 404 302", H),
    Case("library:download", "get", "L 200 200 404 200", S),
    Case("library:download", "get", "L 404 404 404 200", H),
    Case("library:download", "get", "L 404 404 404 404", O, note="a link has no file"),
    Case("library:version_create", "get", "L 405 405 405 405", S),
    Case("library:version_create", "post", "L 403 302 404 302", S, _pdf, "multipart"),
    Case("library:version_create", "post", "L 404 404 404 302", H, _pdf, "multipart"),
    Case("library:download_version", "get", "L 200 200 404 200", SV),
    Case("library:download_version", "get", "L 404 404 404 200", HV),
    Case("library:download_version", "get", "L 404 404 404 404", {"pk": "shared", "number": 9}),
    Case("library:version_retry", "get", "L 405 405 405 405", SV),
    Case("library:version_retry", "post", "L 403 302 404 302", SV),
    Case("library:version_retry", "post", "L 404 404 404 302~", HV, note="not failed"),
    Case("library:thumbnail", "get", "L 200 200 404 200", SV),
    Case("library:thumbnail", "get", "L 404 404 404 200", HV),
    Case("library:page_image", "get", "L 200 200 404 200", {**SV, "page": 1}),
    Case("library:page_image", "get", "L 404 404 404 200", {**HV, "page": 1}),
    Case("library:collections", "get", "L 200 200 200 200"),
    Case("library:collection_create_top", "post", "L 403 403 403 302", data=lambda w: {"name": "Top"}, kind="form"),
    Case("library:collection", "get", "L 200 200 404 200", ROOT),
    Case("library:collection", "get", "L 404 404 404 200", {"pk": "secret"}),
    Case("library:collection_create", "post", "L 403 302 404 302", ROOT, lambda w: {"name": "New"}, "form"),
    Case("library:collection_create", "post", "L 404 404 404 302", {"pk": "secret"}, lambda w: {"name": "New"}, "form"),
    # accounts: sign-in and self-service
    Case("accounts:login", "get", "200 302 302 302 302"),
    Case("accounts:logout", "post", "L L L L L"),
    Case("accounts:me", "get", "L 200 200 200 200"),
    Case("accounts:password_change", "get", "L 200 200 200 200"),
    Case("accounts:tokens", "get", "L 200 200 200 200"),
    Case("accounts:tokens", "post", "L 200 200 200 200", data=lambda w: {"name": "CRM sync"}, kind="form"),
    Case("accounts:token_revoke", "post", "L 404 302 404 302", {"pk": "editor_token"}),
    Case("accounts:token_revoke", "post", "L 302 404 404 302", {"pk": "viewer_token"}),
    # accounts: administration
    Case("accounts:tokens_admin", "get", "L 403 403 403 200"),
    Case("accounts:users", "get", "L 403 403 403 200"),
    Case("accounts:user_create", "get", "L 403 403 403 200"),
    Case("accounts:user_create", "post", "L 403 403 403 302", data=_new_user, kind="form"),
    Case("accounts:user", "get", "L 403 403 403 200", V),
    Case("accounts:user_profile", "post", "L 403 403 403 302", V, lambda w: {"first_name": "Vee"}, "form"),
    Case("accounts:user_role", "post", "L 403 403 403 302", V, lambda w: {"role": "editor"}, "form"),
    Case("accounts:user_groups", "post", "L 403 403 403 302", V, lambda w: {"groups": [w["marketing"].pk]}, "form"),
    Case("accounts:user_active", "post", "L 403 403 403 302", V, lambda w: {"active": "0"}, "form"),
    Case("accounts:groups", "get", "L 403 403 403 200"),
    Case("accounts:groups", "post", "L 403 403 403 302", data=lambda w: {"name": "Partners"}, kind="form"),
    Case("accounts:group", "get", "L 403 403 403 200", SALES),
    Case("accounts:group_rename", "post", "L 403 403 403 302", SALES, lambda w: {"name": "Sales team"}, "form"),
    Case(
        "accounts:group_members",
        "post",
        "L 403 403 403 302",
        SALES,
        lambda w: {"members": [w["viewer_user"].pk, w["editor_user"].pk]},
        "form",
    ),
    Case("library:grants", "get", "L 403 403 403 200"),
    Case("library:grant", "get", "L 403 403 403 200", ROOT),
    Case(
        "library:grant_set",
        "post",
        "L 403 403 403 302",
        ROOT,
        lambda w: {"group": w["sales"].pk, "level": "edit"},
        "form",
    ),
    Case("library:grant_remove", "post", "L 403 403 403 302", {"pk": "root", "group_pk": "sales"}),
    # core: the logs
    Case("core:audit", "get", "L 403 403 403 200"),
    Case("insights:usage", "get", "L 403 403 403 200"),
]

MATRIX = API + WEB + [Case(*row) for row in TAXONOMY_ROWS] + [Case(*row) for row in SEARCH_ROWS]
MATRIX += [Case(*row) for row in CATEGORIZE_API_ROWS]
MATRIX += [Case(*row) for row in CATEGORIZE_WEB_ROWS]
MATRIX += [Case(*row) for row in NOTIFY_ROWS]
MATRIX += [Case(*row) for row in LIFECYCLE_ROWS]
MATRIX += [Case(*row) for row in REVIEWS_ROWS]
MATRIX += [Case(*row) for row in SIMILARITY_ROWS]


def _url(case: Case, world: dict) -> str:
    kwargs = {k: (world[v].pk if isinstance(v, str) else v) for k, v in case.kwargs.items()}
    return reverse(case.name, kwargs=kwargs)


def _client(case: Case, role: str, world: dict) -> Client:
    if role == "anon":
        return Client()
    if case.name.startswith("api:"):
        return Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    client = Client()
    client.force_login(world["users"][role])
    return client


def _state() -> tuple:
    """Everything a request could change (the append-only usage events aside: reads record them)."""
    return (
        AuditEntry.objects.count(),
        Asset.objects.count(),
        AssetVersion.objects.count(),
        Collection.objects.count(),
        Tag.objects.count(),
        ApiToken.objects.filter(revoked=False).count(),
        CollectionGrant.objects.count(),
        Group.objects.count(),
        sorted(Asset.objects.values_list("pk", "title", "status", "updated_at")),
        sorted(get_user_model().objects.values_list("pk", "role", "is_active", "first_name")),
        sorted(get_user_model().groups.through.objects.values_list("user_id", "group_id")),
        sorted(Group.objects.values_list("pk", "name")),
    )


def _send(client: Client, case: Case, url: str, world: dict):
    data = case.data(world) if case.data else None
    if case.method == "get":
        return client.get(url, data or {})
    if case.kind == "json":
        return getattr(client, case.method)(url, data or {}, content_type="application/json")
    return getattr(client, case.method)(url, data or {})  # multipart / form


def _check(case: Case, role: str, world: dict) -> str | None:
    """Send the request as `role`; a description of what went wrong, or None."""
    url = _url(case, world)
    before = _state()
    response = _send(_client(case, role, world), case, url, world)
    expected, got = case.codes()[role], response.status_code
    unchanged, anything = expected.endswith("="), expected.endswith("~")
    expected = expected.rstrip("=~")
    where = f"{case.method.upper()} {url} as {role}"
    if expected == "L":
        location = response.get("Location", "")
        if got != 302 or not location.startswith(reverse("accounts:login")):
            return f"{where}: expected a redirect to the login page, got {got} {location}"
    elif got != int(expected):
        return f"{where}: expected {expected}, got {got} {getattr(response, 'content', b'')[:200]!r}"
    if role != "admin" and got == 200 and not getattr(response, "streaming", False):
        body = response.content.decode(errors="replace")
        leaked = [secret for secret in SECRETS if secret in body]
        if leaked:
            return f"{where}: the response names what {role} may not see: {leaked}"
    after = _state()
    if (unchanged or case.method == "get" or got >= 400 or expected == "L") and after != before:
        return f"{where}: answered {got} but changed something"
    if case.method != "get" and got < 400 and not (unchanged or anything or expected == "L") and after == before:
        return f"{where}: answered {got} as if allowed, but changed nothing"
    return None


@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.id)
def test_matrix(case, db):
    """Each role runs in its own savepoint on the same world, so one role's change never leaks into the next."""
    world = build_world()
    problems = []
    for role in ROLES:
        with transaction.atomic():
            problems.append(_check(case, role, world))
            transaction.set_rollback(True)
    assert not [p for p in problems if p], "\n".join(p for p in problems if p)


EXPECTED_LISTS = {
    "viewer": ({"shared", "link"}, {"root", "sub"}, {"shared-tag"}),
    "editor": ({"shared", "draft", "link"}, {"root", "sub"}, {"shared-tag"}),
    "outsider": ({"own"}, set(), set()),
    "admin": ({"shared", "draft", "link", "hidden", "own"}, {"root", "sub", "secret"}, {"shared-tag", "secret-tag"}),
}


@pytest.mark.parametrize("role", sorted(EXPECTED_LISTS))
def test_api_listings_show_only_what_the_role_may_see(role, db):
    world = build_world()
    client = Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    assets, collections, tags = EXPECTED_LISTS[role]
    got = {item["id"] for item in client.get("/api/v1/assets?page_size=100").json()["items"]}
    assert got == {world[k].pk for k in assets}
    got = {item["id"] for item in client.get("/api/v1/collections").json()}
    assert got == {world[k].pk for k in collections}
    assert {t["name"] for t in client.get("/api/v1/tags").json()} == tags
    in_secret = client.get(f"/api/v1/assets?collection={world['secret'].pk}").json()["count"]
    assert in_secret == (1 if role == "admin" else 0)


def test_every_route_is_in_the_matrix():
    covered = {case.name for case in MATRIX}
    missing, unnamed = [], []
    for route in all_routes():
        if route.name in NOT_IN_MATRIX or route.route.startswith(("/static/", "/media/")):
            continue
        if not route.name:
            unnamed.append(route.route)
        elif route.name not in covered:
            missing.append(f"{route.name} {route.route}")
    assert not unnamed, f"routes without a name cannot be checked: {unnamed}"
    assert not missing, "routes without permission coverage in tests/test_permission_matrix.py:\n" + "\n".join(missing)


def test_matrix_names_exist():
    names = {route.name for route in all_routes()}
    assert not {case.name for case in MATRIX} - names


def test_asset_pages_do_not_name_collections_the_reader_cannot_see(db):
    world = build_world()
    world["shared"].collections.add(world["secret"])
    for role, url_name in (("viewer", "library:asset"), ("editor", "library:asset"), ("editor", "library:asset_edit")):
        client = Client()
        client.force_login(world["users"][role])
        response = client.get(reverse(url_name, args=[world["shared"].pk]))
        assert response.status_code == 200
        assert "Board room" not in response.content.decode(), f"{url_name} names a hidden collection to {role}"
    api = Client(headers={"Authorization": f"Bearer {world['tokens']['viewer']}"})
    assert "Board room" not in api.get(f"/api/v1/assets/{world['shared'].pk}").content.decode()
