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

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from quiver.accounts.models import ApiToken
from quiver.core.models import AuditEntry
from quiver.library.models import Asset, AssetVersion, Collection, CollectionGrant, Tag
from tests.api.world import ROLES, all_routes, build_world
from tests.categorize.matrix_rows import CATEGORIZE_API_ROWS
from tests.categorize.matrix_rows_web import WEB_ROWS as CATEGORIZE_WEB_ROWS
from tests.lifecycle.matrix_rows import LIFECYCLE_ROWS
from tests.matrix_cases import API, WEB, Case
from tests.notify.matrix_rows import NOTIFY_ROWS
from tests.reviews.matrix_rows import REVIEWS_ROWS
from tests.search.matrix_rows import SEARCH_ROWS
from tests.similarity.matrix_rows import SIMILARITY_ROWS
from tests.taxonomy.matrix_rows import TAXONOMY_ROWS

# Names of the hidden asset and of the collection nobody but admins may see: no other role's page may show them.
SECRETS = ("Hidden plan", "Board room")

# Routes that carry no permission decision of their own.
NOT_IN_MATRIX = {"api:openapi-json", "api:openapi-view", "api:api-root"}


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
