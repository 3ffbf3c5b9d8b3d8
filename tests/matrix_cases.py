"""The rows of the permission matrix for the library, accounts, core and insights routes (web and API), and the
Case every row becomes. The other apps' rows live in tests/<app>/matrix_rows.py; tests/test_permission_matrix.py
runs them all (its docstring explains the codes)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from quiver.demo.files import make_pdf
from tests.api.world import ROLES


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
