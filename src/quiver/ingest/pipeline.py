"""Ingest of one stored version, as ordered steps that each record their status (version.steps):

  copy     the original (already stored, never touched) is copied from storage to a private temp file
  analyse  in a sandbox child: sniff the type from bytes, check the name, guard containers, parse text per page
  save     pages re-created idempotently, metadata; status ready or failed with a human-readable reason
  previews a separate, lower-priority task (render_previews), so text never waits for drawing: thumbnail and page
           images in a sandbox child (LibreOffice for office files), attached to the pages afterwards

Each task first claims its version (ingest.leases: a lease renewed by a heartbeat while the child works) and saves
only while the claim is still its own, so a worker stopped mid-parse is re-queued by the sweep and a late one
overwrites nothing. Bad input never raises out of here: every outcome ends as a recorded status."""

import logging
import shutil
import tempfile
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from quiver.core import events
from quiver.library.models import AssetPage, AssetVersion, ProcessingStatus
from quiver.library.storage import save_derived

from .clean import clean
from .leases import PENDING, Heartbeat, Superseded, claim_previews, claim_text, hold, release
from .sandbox import SandboxError, get_pool

log = logging.getLogger(__name__)


class Steps:
    """The step log kept on the version (version.steps): [{step, status, seconds, detail}]."""

    def __init__(self):
        self.items: list[dict] = []

    def record(self, step: str, status: str, started: float, detail: str = "") -> None:
        self.items.append(
            {
                "step": step,
                "status": status,
                "seconds": round(time.monotonic() - started, 3),
                **({"detail": detail[:300]} if detail else {}),
            }
        )


def _previews_enabled() -> bool:
    return bool(settings.QUIVER_PREVIEWS)


def _copy_original(version: AssetVersion):
    """A private temp copy of the original; the child reads this path, never a user-supplied one."""
    tmp = tempfile.NamedTemporaryFile(prefix="quiver-ingest-", suffix=".bin")
    try:
        with default_storage.open(version.file.name, "rb") as source:
            shutil.copyfileobj(source, tmp, 1024 * 1024)
        tmp.flush()
    except BaseException:
        tmp.close()
        raise
    return tmp


def _analyse(path: str, filename: str) -> dict:
    try:
        return get_pool().run(
            "quiver.ingest.analyse:analyse",
            path,
            filename,
            max_pages=settings.QUIVER_MAX_PAGES,
            libreoffice=settings.QUIVER_LIBREOFFICE,
            timeout=settings.QUIVER_PARSE_TIMEOUT_SECONDS,
        )
    except SandboxError as exc:
        return {"status": "failed", "reason": exc.reason, "kind": "", "mime": "", "label": ""}


def _render(path: str, filename: str) -> dict:
    try:
        return get_pool().run(
            "quiver.ingest.previews:render",
            path,
            filename,
            max_pages=settings.QUIVER_PREVIEW_PAGES,
            libreoffice=settings.QUIVER_LIBREOFFICE,
            timeout=settings.QUIVER_PARSE_TIMEOUT_SECONDS,
        )
    except SandboxError as exc:
        return {"note": f"unavailable: {exc.reason}"}


def _save_text(version: AssetVersion, texts: list[str]) -> None:
    """Re-create the pages with their text (idempotent on retry)."""
    if version.attempts > 1:  # pages are saved with the final status: only an earlier attempt can have left some
        AssetPage.objects.filter(version=version).delete()
    AssetPage.objects.bulk_create(
        [AssetPage(version=version, number=index + 1, text=text) for index, text in enumerate(texts)], batch_size=500
    )


def _attach_previews(version: AssetVersion, previews: dict) -> None:
    """Store the images and hang them on the pages; rendered pages beyond the text pages get empty text."""
    ext = previews.get("ext", "webp")
    existing = {page.number: page for page in AssetPage.objects.filter(version=version)}
    changed, added = [], []
    for index, image in enumerate(previews.get("pages") or []):
        if not image:
            continue
        name = save_derived(version.sha256, f"page-{index + 1:04d}.{ext}", image)
        page = existing.get(index + 1)
        if page is None:
            added.append(AssetPage(version=version, number=index + 1, text="", image=name))
        else:
            page.image = name
            changed.append(page)
    AssetPage.objects.bulk_update(changed, ["image"], batch_size=500)
    AssetPage.objects.bulk_create(added, batch_size=500)
    if previews.get("thumbnail"):
        version.thumbnail = save_derived(version.sha256, f"thumbnail.{ext}", previews["thumbnail"])
    version.metadata.pop("preview", None)
    if previews.get("note") and not version.thumbnail:
        version.metadata["preview"] = previews["note"]


def _finish(version: AssetVersion, steps: Steps, started: float, status: str, reason: str = "") -> str:
    version.status, version.failure_reason = status, reason[:1000]
    version.processed_at = timezone.now()
    version.processing_seconds = round(time.monotonic() - started, 3)
    version.steps = steps.items
    release(
        version,
        [
            "status",
            "failure_reason",
            "processed_at",
            "processing_seconds",
            "steps",
            "mime_type",
            "page_count",
            "metadata",
            "thumbnail",
            "queued_at",
        ],
    )
    if status == ProcessingStatus.FAILED:
        log.info("version %s failed: %s", version.pk, reason)
    elif status == ProcessingStatus.READY:
        events.publish(events.VersionReady(version_id=version.pk, asset_id=version.asset_id))
    return status


def _run(version: AssetVersion, steps: Steps, started: float) -> str:
    step = time.monotonic()
    try:
        tmp = _copy_original(version)
    except (FileNotFoundError, OSError, ValueError) as exc:
        steps.record("copy", "failed", step, type(exc).__name__)
        return _finish(version, steps, started, ProcessingStatus.FAILED, "the original file is missing or unreadable")
    steps.record("copy", "ok", step)
    with tmp:
        step = time.monotonic()
        result = clean(_analyse(tmp.name, version.original_filename))  # no NUL/lone surrogate reaches the database
    steps.record("analyse", "ok" if result["status"] == "ready" else "failed", step, result.get("reason", ""))
    version.mime_type = (result.get("mime") or "")[:120]
    if result["status"] != "ready":
        version.metadata = {"kind": result.get("kind", "")}
        return _finish(version, steps, started, ProcessingStatus.FAILED, result["reason"])
    version.page_count = result.get("page_count")
    version.metadata = {**result.get("metadata", {}), "kind": result.get("kind", "")}
    previews = _previews_enabled() and "preview" not in version.metadata
    if previews:
        version.metadata["preview"] = PENDING
    step = time.monotonic()
    with transaction.atomic():
        hold(version)  # still ours (and, on PostgreSQL, the row is locked until commit)
        _save_text(version, result.get("pages") or [])
        steps.record("save", "ok", step)
        if previews:
            version.queued_at = timezone.now()
        status = _finish(version, steps, started, ProcessingStatus.READY)  # Superseded: nothing is saved
        if previews:  # the text does not wait for the previews: ready (and searchable) as soon as it is parsed
            from .tasks import render_previews as task

            transaction.on_commit(lambda: task.enqueue(version.pk))
    return status


def render_previews(version_id: int) -> str:
    """Thumbnail and page images of a ready version (its own task, after the text). Never raises for bad input."""
    version = claim_previews(version_id)
    if version is None:
        return "skipped"  # gone, not ready, drawn already, or being drawn by another worker
    try:
        with Heartbeat(version):
            return _draw(version)
    except Superseded:
        log.warning("previews of version %s: the claim was taken over; nothing saved", version_id)
        return "superseded"


def _draw(version: AssetVersion) -> str:
    step = time.monotonic()
    try:
        with _copy_original(version) as tmp:
            previews = _render(tmp.name, version.original_filename)
    except (FileNotFoundError, OSError, ValueError):
        previews = {"note": "unavailable: the original file is missing or unreadable"}
    version.steps = [
        *version.steps,
        {
            "step": "previews",
            "status": "ok" if "note" not in previews else "skipped",
            "seconds": round(time.monotonic() - step, 3),
            **({"detail": previews["note"][:300]} if "note" in previews else {}),
        },
    ]
    try:
        with transaction.atomic():
            hold(version)
            _attach_previews(version, previews)
            release(version, ["thumbnail", "metadata", "steps"])
    except Superseded:
        raise
    except Exception as exc:
        log.exception("previews of version %s could not be saved", version.pk)
        version.metadata["preview"] = f"unavailable: could not be saved ({type(exc).__name__})"
        release(version, ["metadata", "steps"])
    return "previews"


def process_version(version_id: int) -> str:
    """Process one version (claimed first); returns its final status. Never raises for bad input."""
    started = time.monotonic()
    version = claim_text(version_id)
    if version is None:  # gone, finished, or held by another worker's live claim (a duplicate task)
        return "skipped" if AssetVersion.objects.filter(pk=version_id).exists() else "missing"
    steps = Steps()
    try:
        with Heartbeat(version):  # renews the claim while the sandbox child parses
            try:
                return _run(version, steps, started)
            except Superseded:
                raise
            except Exception as exc:
                log.exception("ingest of version %s failed", version_id)
                steps.items.append({"step": "internal", "status": "failed", "detail": type(exc).__name__})
                return _finish(
                    version, steps, started, ProcessingStatus.FAILED, f"internal error ({type(exc).__name__})"
                )
    except Superseded:
        log.warning(
            "version %s: attempt %s lost its claim (re-queued, retried or failed meanwhile); its result is discarded",
            version_id,
            version.attempts,
        )
        return "superseded"
