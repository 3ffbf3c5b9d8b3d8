"""Bulk import of a folder tree: folders become collections, each file is stored then processed inline.

Hidden files and folders are skipped; symbolic links are never followed (a link to a file or folder is reported
as skipped), so nothing outside PATH is read. Files are opened with O_NOFOLLOW, which closes the window between
the scan and the read."""

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connections, transaction

from quiver.library import services
from quiver.library.filenames import clean_filename
from quiver.library.models import Asset, AssetType, AssetVersion, Collection

OK, FAILED, PRESENT, SKIPPED = "ok", "failed", "already present", "skipped"

TYPES_BY_EXTENSION = {
    **dict.fromkeys(("pptx", "ppt", "odp", "key"), AssetType.DECK),
    **dict.fromkeys(("xlsx", "xls", "ods", "csv"), AssetType.SPREADSHEET),
    **dict.fromkeys(("png", "jpg", "jpeg", "gif", "webp", "svg", "tif", "tiff"), AssetType.IMAGE),
    **dict.fromkeys(("mp4", "mov", "webm", "mkv", "avi", "m4v"), AssetType.VIDEO),
    **dict.fromkeys(("eml", "msg"), AssetType.EMAIL_TEMPLATE),
}


@dataclass
class Found:
    path: Path  # absolute, inside the import root
    rel: str  # relative to the root, for display
    folders: tuple[str, ...]  # folder names from the root down to the file's folder


@dataclass
class Outcome:
    rel: str
    result: str  # OK, FAILED, PRESENT or SKIPPED
    reason: str = ""
    asset_id: int | None = None
    version_id: int | None = None


def scan(root: Path) -> tuple[list[Found], list[Outcome]]:
    """Files to import (sorted) and the entries skipped with a reason (symlinks, special files)."""
    root = root.absolute()
    if root.is_file() and not root.is_symlink():
        return [Found(root, root.name, ())], []
    found, skipped = [], []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        rel_dir = here.relative_to(root)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                skipped.append(Outcome(str(rel_dir / name), SKIPPED, "symbolic link (not followed)"))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            rel = str(rel_dir / name) if str(rel_dir) != "." else name
            if name.startswith("."):
                continue
            if path.is_symlink():
                skipped.append(Outcome(rel, SKIPPED, "symbolic link (not followed)"))
            elif not path.is_file():
                skipped.append(Outcome(rel, SKIPPED, "not a regular file"))
            else:
                found.append(Found(path, rel, tuple(p for p in rel_dir.parts if p != ".")))
    return found, skipped


def resolve_collection(actor, spec: str | None) -> Collection:
    """The target collection: the library root, or the path SPEC below it ("Imports/2025"), created if missing."""
    root = Collection.objects.get(parent=None, name="Library")
    parts = [p for p in (spec or "").split("/") if p.strip()]
    if parts and parts[0] == root.name:
        parts = parts[1:]
    return CollectionTree(actor, root).get(tuple(parts))


class CollectionTree:
    """Finds or creates nested collections below a base collection, remembering what it has seen."""

    def __init__(self, actor, base: Collection):
        self.actor, self.cache = actor, {(): base}

    def get(self, parts: tuple[str, ...]) -> Collection:
        if parts not in self.cache:
            parent = self.get(parts[:-1])
            name = clean_filename(parts[-1], fallback="folder")[:120]
            with transaction.atomic():
                self.cache[parts] = Collection.objects.filter(
                    parent=parent, name=name
                ).first() or services.create_collection(self.actor, name=name, parent=parent)
        return self.cache[parts]


def _open(path: Path):
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(fd, "rb")


def _sha256(fileobj) -> str:
    digest = hashlib.sha256()
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def store(item: Found, collection: Collection, owner) -> Outcome:
    """Store one file as a new asset in `collection` (not processed yet), unless the same bytes are already there."""
    try:
        with _open(item.path) as fileobj:
            sha = _sha256(fileobj)
            if Asset.objects.filter(collections=collection, versions__sha256=sha).exists():
                return Outcome(item.rel, PRESENT, "the same file is already in this collection")
            ext = item.path.suffix.lower().lstrip(".")
            with transaction.atomic():
                asset = services.create_asset(
                    owner,
                    file=File(fileobj, name=item.path.name),
                    filename=item.path.name,
                    asset_type=TYPES_BY_EXTENSION.get(ext, AssetType.DOCUMENT),
                    owner=owner,
                    collections=[collection],
                    change_note="Bulk import",
                    enqueue=False,
                )
    except ValidationError as exc:
        return Outcome(item.rel, FAILED, "; ".join(exc.messages))
    except OSError as exc:
        return Outcome(item.rel, FAILED, f"could not read the file: {exc.strerror or exc}")
    return Outcome(item.rel, OK, asset_id=asset.pk, version_id=asset.current_version_id)


def process(outcome: Outcome) -> Outcome:
    """Run the ingest pipeline on a stored file; a failure keeps the asset (its original is safe) and the reason."""
    from quiver.ingest.pipeline import process_version

    try:
        status = process_version(outcome.version_id)
    except Exception as exc:  # the pipeline records its own failures; this is a last line of defence
        AssetVersion.objects.filter(pk=outcome.version_id).update(status="failed", failure_reason=str(exc)[:500])
        status = "failed"
    if status == "failed":
        outcome.result = FAILED
        outcome.reason = (
            AssetVersion.objects.filter(pk=outcome.version_id).values_list("failure_reason", flat=True).first()
            or "processing failed"
        )
    return outcome


def _process_closing(outcome: Outcome) -> Outcome:
    try:
        return process(outcome)
    finally:
        connections.close_all()  # this worker thread's own connection


def run_import(
    root: Path,
    collection: Collection,
    owner=None,
    workers: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Import every file below `root` into `collection` (sub-folders become sub-collections).

    With workers > 1, files are stored one by one in this thread and processed by a pool of threads (the
    parsing itself runs in the ingest sandbox's child processes)."""
    found, skipped = scan(root)
    if on_start:
        on_start(len(found) + len(skipped))
    outcomes: list[Outcome] = []
    report = on_done or (lambda outcome: None)

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

    for outcome in skipped:
        done(outcome)
    tree = CollectionTree(owner, collection)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="quiver-import") if workers > 1 else None
    futures = []
    for item in found:
        outcome = store(item, tree.get(item.folders), owner)
        if outcome.result != OK:
            done(outcome)
        elif pool is None:
            done(process(outcome))
        else:
            futures.append(pool.submit(_process_closing, outcome))
    for future in as_completed(futures):
        done(future.result())
    if pool:
        pool.shutdown()
    return outcomes
