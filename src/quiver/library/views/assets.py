"""The asset page: preview of pages/slides, metadata, versions, text per page, processing state."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import panels, policy, providers, selectors
from ..forms import VersionForm
from ..models import ProcessingStatus
from .common import clamp_page, merged_into, visible_asset_or_404


def _preview_context(asset, version, raw_page) -> dict:
    pages = selectors.version_pages(version)
    count = pages.count()
    number = clamp_page(raw_page, count)
    page = pages.filter(number=number).first() if count else None
    preview_note = ""
    if version is not None:
        note = (version.metadata or {}).get("preview", "")
        preview_note = note if isinstance(note, str) else ""
    return {
        "asset": asset,
        "version": version,
        "page": page,
        "page_number": number,
        "page_count": count,
        "has_prev": number > 1,
        "has_next": number < count,
        "preview_note": preview_note,
    }


def _record_preview(request, asset, ctx) -> None:
    if ctx["page"] is not None:
        providers.record_usage(request.user, asset, "preview", version=ctx["version"], page=ctx["page_number"])


@login_required
@require_GET
def asset_detail(request, pk):
    twin = merged_into(request.user, pk)
    if twin is not None:  # a merged duplicate: its old URL leads to the surviving asset
        return HttpResponsePermanentRedirect(twin.get_absolute_url())
    asset = visible_asset_or_404(request.user, pk)
    version = asset.current_version
    ctx = _preview_context(asset, version, request.GET.get("page"))
    can_edit = policy.can_edit_asset(request.user, asset)
    ctx.update(
        {
            "versions": selectors.asset_versions(asset),
            "can_edit": can_edit,
            "can_download": policy.can_download(request.user, asset),
            "version_form": VersionForm() if can_edit and not asset.is_link else None,
            "tags": list(asset.tags.all()),
            "collections": selectors.asset_collections_visible_to(request.user, asset),
            "panels": panels.for_asset(request, asset),
        }
    )
    providers.record_usage(request.user, asset, "view", version=version)
    _record_preview(request, asset, ctx)
    return render(request, "library/asset_detail.html", ctx)


@login_required
@require_GET
def asset_preview(request, pk):
    """The preview panel alone (htmx page navigation); records a preview of the page shown."""
    asset = visible_asset_or_404(request.user, pk)
    ctx = _preview_context(asset, asset.current_version, request.GET.get("page"))
    _record_preview(request, asset, ctx)
    return render(request, "library/asset_detail.html#preview", ctx)


@login_required
@require_GET
def asset_status(request, pk):
    """Polled by htmx while the current version is processing; reloads the page once it is done."""
    asset = visible_asset_or_404(request.user, pk)
    version = asset.current_version
    if version is None or version.status != ProcessingStatus.PROCESSING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "library/asset_detail.html#processing", {"asset": asset, "version": version})


@login_required
@require_GET
def open_link(request, pk):
    """Open a web-link asset (recorded as usage); only http(s) addresses are ever redirected to."""
    asset = visible_asset_or_404(request.user, pk)
    if not asset.link_url.lower().startswith(("http://", "https://")):
        return HttpResponseBadRequest("This asset has no web address.")
    providers.record_usage(request.user, asset, "open_link", version=asset.current_version)
    return HttpResponseRedirect(asset.link_url)
