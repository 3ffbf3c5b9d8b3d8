"""The permission matrix: every web view and every API endpoint, for every role, on objects the role may and
may not see, with the expected status code. A completeness test walks the URL resolver so that a new route
without a row here breaks the build.

Roles: anon (no credentials), viewer (sales), editor (marketing, edit grant on the library root), outsider
(an editor in no group), admin. Objects come from tests/api/world.py. API requests authenticate with a personal
token; web requests with the session. Expected codes are written in role order: "anon viewer editor outsider
admin"; `L` means a redirect to the login page.
"""

from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from quiver.core.models import AuditEntry
from quiver.demo.files import make_pdf
from quiver.library.models import Asset, AssetVersion, Collection, Tag
from tests.api.world import ROLES, all_routes, build_world

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
    Case("api:asset_create", "post", "401 403 201 400 201", kind="multipart", note="into root",
         data=lambda w: {"link_url": "https://example.com/new", "collection": [w["root"].pk]}),
    Case("api:asset_create", "post", "401 403 201 201 201", kind="multipart", note="no collection",
         data=lambda w: {"link_url": "https://example.com/new"}),
    Case("api:asset_create", "post", "401 403 400 400 201", kind="multipart", note="into secret",
         data=lambda w: {"link_url": "https://example.com/new", "collection": [w["secret"].pk]}),
    Case("api:asset", "get", "401 200 200 404 200", {"asset_id": "shared"}),
    Case("api:asset", "get", "401 404 200 404 200", {"asset_id": "draft"}),
    Case("api:asset", "get", "401 404 404 404 200", {"asset_id": "hidden"}),
    Case("api:asset", "get", "401 404 404 200 200", {"asset_id": "own"}),
    Case("api:asset_update", "patch", "401 403 200 404 200", {"asset_id": "shared"},
         data=lambda w: {"title": "Changed"}),
    Case("api:asset_update", "patch", "401 404 200 404 200", {"asset_id": "draft"},
         data=lambda w: {"title": "Changed"}),
    Case("api:asset_update", "patch", "401 404 404 404 200", {"asset_id": "hidden"},
         data=lambda w: {"title": "Changed"}),
    Case("api:asset_update", "patch", "401 404 404 200 200", {"asset_id": "own"},
         data=lambda w: {"title": "Changed"}),
    Case("api:asset_update", "patch", "401 403 400 404 200", {"asset_id": "shared"}, note="move to secret",
         data=lambda w: {"collections": [w["secret"].pk]}),
    Case("api:asset_update", "patch", "401 404 404 400 200", {"asset_id": "own"}, note="move to root",
         data=lambda w: {"collections": [w["root"].pk]}),
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
    Case("api:collection_create", "post", "401 403 201 400 201", note="under root",
         data=lambda w: {"name": "New", "parent": w["root"].pk}),
    Case("api:collection_create", "post", "401 403 403 403 201", note="top level", data=lambda w: {"name": "Top"}),
    Case("api:collection_create", "post", "401 400 400 400 201", note="under secret",
         data=lambda w: {"name": "New", "parent": w["secret"].pk}),
    Case("api:collection", "get", "401 200 200 404 200", {"collection_id": "root"}),
    Case("api:collection", "get", "401 404 404 404 200", {"collection_id": "secret"}),
    Case("api:tags", "get", "401 200 200 200 200"),
    Case("api:tag_create", "post", "401 403 201 201 201", data=lambda w: {"name": "fresh"}),
]

WEB: list[Case] = []

MATRIX = API + WEB


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
    return (AuditEntry.objects.count(), Asset.objects.count(), AssetVersion.objects.count(),
            Collection.objects.count(), Tag.objects.count(),
            sorted(Asset.objects.values_list("pk", "title", "status", "updated_at")))


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
    where = f"{case.method.upper()} {url} as {role}"
    if expected == "L":
        location = response.get("Location", "")
        if got != 302 or not location.startswith(reverse("accounts:login")):
            return f"{where}: expected a redirect to the login page, got {got} {location}"
    elif got != int(expected):
        return f"{where}: expected {expected}, got {got} {getattr(response, 'content', b'')[:200]!r}"
    if (case.method == "get" or got >= 300) and _state() != before:
        return f"{where}: answered {got} but changed something"
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
    "viewer": ({"shared"}, {"root", "sub"}, {"shared-tag"}),
    "editor": ({"shared", "draft"}, {"root", "sub"}, {"shared-tag"}),
    "outsider": ({"own"}, set(), set()),
    "admin": ({"shared", "draft", "hidden", "own"}, {"root", "sub", "secret"}, {"shared-tag", "secret-tag"}),
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
    assert not missing, "routes without permission coverage in tests/test_permission_matrix.py:\n" + \
        "\n".join(missing)


def test_matrix_names_exist():
    names = {route.name for route in all_routes()}
    assert not {case.name for case in MATRIX} - names
