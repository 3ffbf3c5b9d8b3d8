"""A small library with one object of every kind each role may and may not see, for the permission matrix;
and a walker of the URL resolver, so the matrix can prove it covers every route."""

import io
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from quiver.accounts.models import ApiToken
from quiver.accounts.services import create_user, issue_token
from quiver.demo.files import make_pdf
from quiver.library import services
from quiver.library.models import AssetStatus, AssetVersion, Collection, ProcessingStatus, Tag
from quiver.library.storage import save_derived

ROLES = ("anon", "viewer", "editor", "outsider", "admin")


@cache
def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _add_previews(version: AssetVersion) -> None:
    """A stored thumbnail and page image, so the image views have something to serve to those allowed."""
    version.thumbnail = save_derived(version.sha256, "thumb.png", _png())
    version.save(update_fields=["thumbnail"])
    version.pages.all().delete()
    version.pages.create(
        number=1, text=f"{version.original_filename} page one", image=save_derived(version.sha256, "page-1.png", _png())
    )


@cache
def _pdf(name: str) -> bytes:
    return make_pdf([f"{name} page one", f"{name} page two"])


def _file(name: str):
    buf = io.BytesIO(_pdf(name))
    buf.name = name
    return buf


def build_world() -> dict:
    """Objects by key. `shared`: published asset in the library root (viewers view, editors edit) whose current
    version failed (so it can be retried), with a thumbnail and a page image; `link`: a published web link in
    the root; `draft`: a draft in the root (editors only); `hidden`: an asset in a
    top-level collection nobody holds a grant on (admins only); `own`: the outsider's asset in no collection
    (its owner and admins). The outsider is an editor in no group."""
    root = Collection.objects.get(parent=None, name="Library")
    admin = create_user("matrix-admin", "admin", "pw-admin-123")
    viewer = create_user("matrix-viewer", "viewer", "pw-viewer-123")
    editor = create_user("matrix-editor", "editor", "pw-editor-123")
    outsider = create_user("matrix-outsider", "editor", "pw-outsider-123")
    outsider.groups.clear()
    secret = services.create_collection(admin, name="Board room", parent=None)
    sub = services.create_collection(admin, name="Products", parent=root)
    shared = services.create_asset(
        editor, title="Shared deck", collections=[root], file=_file("shared.pdf"), tags=["shared-tag"]
    )
    AssetVersion.objects.filter(pk=shared.current_version_id).update(
        status=ProcessingStatus.FAILED, failure_reason="Parser crashed", mime_type="application/pdf"
    )
    _add_previews(AssetVersion.objects.get(pk=shared.current_version_id))
    link = services.create_asset(
        editor, title="Partner site", link_url="https://example.com/partner", collections=[root]
    )
    draft = services.create_asset(
        editor, title="Draft", link_url="https://example.com/draft", collections=[root], status=AssetStatus.DRAFT
    )
    hidden = services.create_asset(
        admin, title="Hidden plan", collections=[secret], file=_file("hidden.pdf"), tags=["secret-tag"]
    )
    _add_previews(AssetVersion.objects.get(pk=hidden.current_version_id))
    own = services.create_asset(outsider, title="Outsider notes", link_url="https://example.com/own")
    users = {"viewer": viewer, "editor": editor, "outsider": outsider, "admin": admin}
    tokens = {role: issue_token(user) for role, user in users.items()}
    return {
        "users": users,
        "tokens": tokens,
        "root": root,
        "sub": sub,
        "secret": secret,
        "shared": shared,
        "draft": draft,
        "hidden": hidden,
        "link": link,
        "own": own,
        "viewer_user": viewer,
        "editor_user": editor,
        "sales": Group.objects.get(name="Sales"),
        "marketing": Group.objects.get(name="Marketing"),
        "editor_token": ApiToken.objects.filter(user=editor).first(),
        "viewer_token": ApiToken.objects.filter(user=viewer).first(),
        "shared_tag": Tag.objects.get(name="shared-tag"),
        "secret_tag": Tag.objects.get(name="secret-tag"),
    }


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str


def all_routes() -> list[Route]:
    """Every URL pattern of the project, with its namespaced name and full route."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or ""
                walk(p.url_patterns, prefix + str(p.pattern), f"{namespace}:{ns}".strip(":") if ns else namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                found.append(Route(name=name, route=prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "/", "")
    return found
