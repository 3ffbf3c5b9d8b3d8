"""Creating assets: many files at once (XHR per file from upload.js, or one plain multipart POST without JS),
web links, and new versions of an asset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import policy, providers, services, uploads
from ..filenames import clean_filename
from ..forms import LinkForm, UploadForm, VersionForm
from ..models import Asset, AssetType
from ..selectors import ingest_position
from .common import editable_asset_or_403, wants_json

TYPE_BY_EXTENSION = {
    "ppt": AssetType.DECK,
    "pptx": AssetType.DECK,
    "odp": AssetType.DECK,
    "key": AssetType.DECK,
    "xls": AssetType.SPREADSHEET,
    "xlsx": AssetType.SPREADSHEET,
    "ods": AssetType.SPREADSHEET,
    "csv": AssetType.SPREADSHEET,
    "png": AssetType.IMAGE,
    "jpg": AssetType.IMAGE,
    "jpeg": AssetType.IMAGE,
    "gif": AssetType.IMAGE,
    "webp": AssetType.IMAGE,
    "mp4": AssetType.VIDEO,
    "mov": AssetType.VIDEO,
    "webm": AssetType.VIDEO,
    "eml": AssetType.EMAIL_TEMPLATE,
    "msg": AssetType.EMAIL_TEMPLATE,
}


def guess_type(filename: str) -> str:
    """A starting asset type from the file name (display metadata only; ingest sniffs the bytes)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return TYPE_BY_EXTENSION.get(ext, AssetType.DOCUMENT)


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages) or "The file was refused."


def _store_one(user, file, collections, tags) -> dict:
    """One file becomes one asset; errors are reported for that file only."""
    name = clean_filename(file.name)
    try:
        uploads.check_file(file)  # the API's checks, the same messages
        with transaction.atomic():
            asset = services.create_asset(
                user, file=file, filename=name, collections=collections, tags=tags, asset_type=guess_type(name)
            )
    except ValidationError as error:
        return {"name": name, "ok": False, "error": _messages(error)}
    asset.refresh_from_db()
    version = asset.current_version
    return {
        "name": name,
        "ok": True,
        "id": asset.pk,
        "title": asset.title,
        "url": asset.get_absolute_url(),
        **_processing(version),
        "duplicates": providers.upload_hints(user, asset),
    }  # exact twins it may see


def _processing(version) -> dict:
    """Status, failure reason and place in the ingest queue ("queued behind N") of a version."""
    queue = ingest_position(version)
    return {
        "status": version.status if version else "ready",
        "failure_reason": version.failure_reason if version else "",
        "queue": queue,
        "queue_label": queue_label(queue) if version and version.status == "processing" else "",
    }


def queue_label(queue: dict | None) -> str:
    if queue and queue["state"] == "queued":
        ahead = queue["ahead"]
        return f"Queued behind {ahead} upload{'' if ahead == 1 else 's'}" if ahead else "Next in the queue"
    return "Processing now" if queue else "Processing"


@login_required
@require_GET
def upload_status(request):
    """Polled by upload.js while uploaded files are processing: {"assets": [{id, status, queue_label...}]} for the
    visible assets among `?id=` (at most 50)."""
    ids = [int(pk) for pk in request.GET.getlist("id")[:50] if pk.isdigit()]
    assets = Asset.objects.visible_to(request.user).filter(pk__in=ids).select_related("current_version")
    return JsonResponse({"assets": [{"id": a.pk, **_processing(a.current_version)} for a in assets]})


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ")
        for f, e in form.errors.items()
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    if not policy.can_create_assets(request.user):
        raise PermissionDenied("You may not add assets.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    results = []
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if form.is_valid() and not files:
            form.add_error("files", "Choose at least one file.")
        if form.is_valid():
            collections = list(form.cleaned_data["collections"])
            if not policy.can_set_collections(request.user, None, {c.pk for c in collections}):
                raise PermissionDenied("You may not add assets to these collections.")
            results = [_store_one(request.user, f, collections, form.cleaned_data["tags"]) for f in files]
        elif wants_json(request):
            return JsonResponse({"ok": False, "error": _form_errors(form)}, status=400)
        if wants_json(request):
            result = results[0]
            return JsonResponse(result, status=201 if result["ok"] else 400)
    return render(
        request,
        "library/upload.html",
        {
            "form": form,
            "results": results,
            "max_bytes": settings.QUIVER_MAX_UPLOAD_BYTES,
            "n_ok": sum(r["ok"] for r in results),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request):
    if not policy.can_create_assets(request.user):
        raise PermissionDenied("You may not add assets.")
    form = LinkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not policy.can_set_collections(request.user, None, {c.pk for c in data["collections"]}):
            raise PermissionDenied("You may not add assets to these collections.")
        try:
            with transaction.atomic():
                asset = services.create_asset(
                    request.user,
                    title=data["title"],
                    description=data["description"],
                    link_url=data["link_url"],
                    asset_type=AssetType.LINK,
                    collections=list(data["collections"]),
                    tags=data["tags"],
                )
        except ValidationError as error:
            form.add_error(None, _messages(error))
        else:
            messages.success(request, f"Web link “{asset.title}” added.")
            return redirect(asset)
    return render(request, "library/link_form.html", {"form": form})


@login_required
@require_POST
def version_create(request, pk):
    asset = editable_asset_or_403(request.user, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            uploads.one_file(request.FILES, "file")  # the API's checks: one file, not empty, within the limit
            uploads.check_file(file)
            with transaction.atomic():
                version = services.add_version(
                    request.user, asset, file, filename=file.name, change_note=form.cleaned_data["change_note"]
                )
        except ValidationError as error:
            messages.error(request, f"The new version was refused: {_messages(error)}")
        else:
            messages.success(request, f"Version {version.number} uploaded.")
    else:
        messages.error(request, f"The new version was refused: {_form_errors(form)}")
    return redirect(asset)
