"""Serving stored files through permission checks: originals only as attachments, previews as images."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import policy, providers
from ..availability import download_refusal
from ..downloads import download_type
from .common import version_or_404, visible_asset_or_404

IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}


def _harden(response, *, private_cache: str = "private, no-store"):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = private_cache
    return response


def _open(name: str):
    if not name:
        raise Http404("No file.")
    try:
        return default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing from storage.") from None


def _download(request, asset, version):
    if not policy.can_download(request.user, asset):
        # Visible but expired or internal only: say why, and what replaces it when known.
        replaced_by = (
            policy.visible_assets(request.user).filter(pk=asset.replaced_by_id).first()
            if asset.replaced_by_id
            else None
        )
        return render(
            request,
            "library/download_refused.html",
            {"asset": asset, "reason": download_refusal(asset, replacement=replaced_by), "replaced_by": replaced_by},
            status=403,
        )
    response = FileResponse(
        _open(version.file.name),
        as_attachment=True,
        filename=version.original_filename,
        content_type=download_type(version.mime_type),
    )
    providers.record_usage(request.user, asset, "download", version=version)
    return _harden(response)


@login_required
@require_GET
def download_current(request, pk):
    asset = visible_asset_or_404(request.user, pk)
    if asset.current_version is None:
        raise Http404("This asset has no file.")
    return _download(request, asset, asset.current_version)


@login_required
@require_GET
def download_version(request, pk, number):
    asset = visible_asset_or_404(request.user, pk)
    return _download(request, asset, version_or_404(asset, number))


def _image(name: str):
    mime = mimetypes.guess_type(name)[0] or ""
    response = FileResponse(_open(name), content_type=mime if mime in IMAGE_TYPES else "application/octet-stream")
    # Derived images never change for a given version number: browsers may keep them privately.
    return _harden(response, private_cache="private, max-age=86400")


@login_required
@require_GET
def thumbnail(request, pk, number):
    asset = visible_asset_or_404(request.user, pk)
    return _image(version_or_404(asset, number).thumbnail.name)


@login_required
@require_GET
def page_image(request, pk, number, page):
    asset = visible_asset_or_404(request.user, pk)
    version = version_or_404(asset, number)
    page_obj = version.pages.filter(number=page).first()
    if page_obj is None:
        raise Http404("No such page.")
    return _image(page_obj.image.name)
