"""Loading the demo library into an empty Quiver, through the library services (originals stored, audit written,
processing enqueued for the worker or run inline)."""

import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from quiver.accounts.models import User
from quiver.accounts.services import create_group, create_user, set_groups
from quiver.library import services
from quiver.library.grants import set_grant
from quiver.library.models import Asset, AssetVersion, Collection, GrantLevel

from .care import assign_demo_care
from .catalog import DEFAULT_SEED, build_catalog, summary
from .facets import assign_demo_facets
from .people import COLLECTIONS, DEMO_USERS, DESCRIPTIONS, PARTNER_GROUP, PARTNER_VIEW
from .spec import DemoAsset

Progress = Callable[[int, int, str], None]


def ensure_demo(
    echo=print,
    *,
    process: bool = False,
    progress: Progress | None = None,
    enqueue: bool = True,
    seed: int = DEFAULT_SEED,
    catalog: list[DemoAsset] | None = None,
) -> bool:
    """Load the demo library if the library has no assets, then print the demo logins. Idempotent.

    process=True runs ingest inline (reporting to `progress(done, total, label)`) instead of leaving it to the
    worker; enqueue=False stores the files without processing them at all. `catalog` is an already built
    catalog to load instead of building one from `seed`. Returns True if it loaded."""
    loaded = False
    if Asset.objects.exists():
        if not _demo_users().exists():
            echo("The library already holds assets; the demo library is only loaded into an empty library.")
    else:
        started = time.monotonic()
        echo("The library is empty: generating the demo library (first start only, under a minute)...")
        catalog = catalog if catalog is not None else build_catalog(seed)
        with transaction.atomic():
            if not Asset.objects.exists():  # another process may have loaded it meanwhile
                versions = load_catalog(catalog, enqueue=enqueue and not process)
                loaded = True
        if loaded:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary(catalog).items()))
            echo(f"Demo library loaded: {len(catalog)} assets ({kinds}) in {time.monotonic() - started:.1f} s.")
            if process:
                statuses = process_inline(versions, progress)
                echo("Processed: " + ", ".join(f"{n} {status}" for status, n in sorted(statuses.items())) + ".")
            elif enqueue:
                echo(f"The background worker is now extracting text and previews of {len(versions)} files.")
    print_logins(echo)
    return loaded


def load_catalog(catalog: list[DemoAsset], *, enqueue: bool = True) -> list[int]:
    """Create users, collections, grants and assets. Returns the ids of the versions to process."""
    users = ensure_users()
    collections = ensure_collections(users["admin"])
    ensure_grants(collections, users["admin"])
    version_ids = []
    for item in catalog:
        owner = users[item.owner]
        asset = services.create_asset(
            owner,
            title=item.title,
            description=item.description,
            asset_type=item.asset_type,
            owner=owner,
            status=item.status,
            link_url=item.link_url,
            collections=[collections[p] for p in item.collections],
            tags=list(item.tags),
            file=ContentFile(item.data, name=item.filename) if item.data else None,
            filename=item.filename,
            change_note="First version" if item.data else "",
            created_at=item.created_at,
            enqueue=enqueue,
        )
        if asset.current_version_id:
            version_ids.append(asset.current_version_id)
            _backdate(asset.current_version_id, item.created_at)
        if item.revision:
            data, filename, note = item.revision
            version = services.add_version(
                owner,
                asset,
                ContentFile(data, name=filename),
                filename=filename,
                change_note=note,
                _now=item.extra["revised_at"],
                enqueue=enqueue,
            )
            version_ids.append(version.pk)
            _backdate(version.pk, item.extra["revised_at"])
    assign_demo_facets(catalog)  # facet values (product, industry, persona...) from each asset's own metadata
    assign_demo_care(users, DEFAULT_SEED)  # verification dates, expiries, approvals, matching rules
    return version_ids


def _backdate(version_id: int, when) -> None:
    """Demo history: a version's upload date matches the asset's story (auto_now_add stamped it today)."""
    AssetVersion.objects.filter(pk=version_id).update(created_at=when)


def ensure_users() -> dict[str, User]:
    existing = {u.username: u for u in _demo_users()}
    hashes: dict[str, str] = {}  # demo users share published passwords: hash each once (first start is faster)
    for spec in DEMO_USERS:
        if spec.username in existing:
            continue
        user = create_user(
            spec.username, spec.role, None, email=spec.email, first_name=spec.first_name, last_name=spec.last_name
        )
        if spec.password not in hashes:
            hashes[spec.password] = make_password(spec.password)
        user.password = hashes[spec.password]
        user.save(update_fields=["password"])
        if spec.group:  # a restricted group instead of the role's default one
            set_groups(user, [_group(spec.group)])
        existing[spec.username] = user
    return existing


def _group(name: str) -> Group:
    return Group.objects.filter(name=name).first() or create_group(name)


def ensure_collections(actor) -> dict[str, Collection]:
    """The collection tree by path below the library root ("Products/Corvana Ledger")."""
    root = Collection.objects.get(parent=None, name="Library")
    found: dict[str, Collection] = {"": root}
    for path in COLLECTIONS:
        parent_path, _, name = path.rpartition("/")
        parent = found[parent_path]
        found[path] = Collection.objects.filter(parent=parent, name=name).first() or services.create_collection(
            actor, name=name, parent=parent, description=DESCRIPTIONS.get(path, "")
        )
    return found


def ensure_grants(collections: dict[str, Collection], actor=None) -> None:
    group = _group(PARTNER_GROUP)
    for path in PARTNER_VIEW:
        set_grant(collections[path], group, GrantLevel.VIEW, actor=actor)


def process_inline(version_ids: list[int], progress: Progress | None = None) -> dict[str, int]:
    """Run the ingest pipeline on each version in this process. Returns counts by final status."""
    from quiver.ingest.pipeline import process_version

    counts: dict[str, int] = {}
    for done, version_id in enumerate(version_ids, 1):
        try:
            status = process_version(version_id)
        except Exception as exc:  # the pipeline records its own failures; this is a last line of defence
            status = "failed"
            AssetVersion.objects.filter(pk=version_id).update(status="failed", failure_reason=str(exc)[:500])
        counts[status] = counts.get(status, 0) + 1
        if progress:
            progress(done, len(version_ids), status)
    return counts


def _demo_users():
    return User.objects.filter(username__in=[u.username for u in DEMO_USERS])


def print_logins(echo=print) -> None:
    present = set(_demo_users().filter(is_active=True).values_list("username", flat=True))
    if not present:
        return
    echo("Demo logins (unless changed since):")
    echo(f"  {'username':<10} {'password':<15} {'role':<8} who")
    for spec in DEMO_USERS:
        if spec.username in present:
            note = " - no access to Competitive or Pricing" if spec.group else ""
            echo(
                f"  {spec.username:<10} {spec.password:<15} {spec.role:<8} {spec.first_name} {spec.last_name}, "
                f"{spec.job}{note}"
            )
