"""The suggestions review queue: pending suggestions on assets the user can edit, grouped by asset, with filters,
bulk accept/reject and keyboard shortcuts (static/categorize/queue.js). Every button is a plain form POST;
htmx upgrades the single decisions to redraw one suggestion (or one asset) in place."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from quiver.library import policy
from quiver.library.selectors import collection_assets
from quiver.library.views.common import visible_asset_or_404

from .. import selectors, services
from ..forms import QueueFilterForm
from .common import REFUSALS, editors_only, next_url, reason
from .rows import field_labels, parse_item, suggestion_rows

ASSETS_PER_PAGE = 20
VERBS = {"accept": "Accepted", "reject": "Rejected"}


def _filters(request, labels):
    form = QueueFilterForm(
        request.GET or None, labels=labels, collections=policy.viewable_collections(request.user).order_by("path")
    )
    filters = form.filters() if request.GET else {}
    collection = form.cleaned_data.get("collection") if request.GET and form.is_valid() else None
    if collection is not None:
        filters["assets"] = list(collection_assets(collection, request.user).values_list("pk", flat=True))
        filters["assets"] = filters["assets"] or [0]  # an empty collection shows nothing, not everything
    return form, filters


def _groups(suggestions, asset_ids, labels) -> list[dict]:
    by_asset: dict[int, list] = {pk: [] for pk in asset_ids}
    assets = {}
    for row in suggestion_rows(suggestions, labels):
        by_asset[row.s.asset_id].append(row)
        assets[row.s.asset_id] = row.s.asset
    return [{"asset": assets[pk], "rows": by_asset[pk], "pending": True} for pk in asset_ids if by_asset[pk]]


@editors_only
@require_GET
def queue(request):
    labels = field_labels()
    form, filters = _filters(request, labels)
    pending = selectors.review_queue(request.user, filters)
    order = (
        pending.order_by()
        .values("asset_id")
        .annotate(best=Max("confidence"))
        .order_by("-best", "asset_id")
        .values_list("asset_id", flat=True)
    )
    page = Paginator(order, ASSETS_PER_PAGE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    groups = _groups(pending.filter(asset_id__in=ids).order_by("-confidence", "field", "pk"), ids, labels)
    return render(
        request,
        "categorize/queue/queue.html",
        {
            "filters": form,
            "page": page,
            "groups": groups,
            "total": pending.count(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "can_edit_rules": policy.can_create_assets(request.user),
        },
    )


def _items(raw_items) -> list[tuple[int, str, str]]:
    return [item for item in (parse_item(raw) for raw in raw_items) if item is not None]


def _single(request, action: str, raw: str):
    parsed = parse_item(raw)
    if parsed is None:
        return HttpResponseBadRequest("Malformed suggestion.")
    asset_id, field, value = parsed
    asset = visible_asset_or_404(request.user, asset_id)
    service = services.accept if action == "accept" else services.reject
    labels = field_labels()
    try:
        with transaction.atomic():
            suggestion = service(request.user, asset, field, value)
    except REFUSALS as exc:
        return _answer(request, f"Nothing changed: {reason(exc)}", ok=False)
    if request.htmx:
        row = suggestion_rows([suggestion], labels)[0]
        row.decided, row.decided_label, row.just_decided = action + "ed", VERBS[action], True
        return render(request, "categorize/queue/suggestion.html", {"row": row})
    return _answer(request, f"{VERBS[action]}: {value} on “{asset.title}”.", ok=True)


def _accept_asset(request, raw: str):
    if not raw.isdigit():
        return HttpResponseBadRequest("Malformed asset.")
    asset = visible_asset_or_404(request.user, int(raw))
    pending = list(selectors.pending_for_asset(request.user, asset))
    items = [(asset.pk, s.field, s.value) for s in pending]
    try:
        with transaction.atomic():
            counts = services.accept_many(request.user, items)
    except REFUSALS as exc:
        return _answer(request, f"Nothing changed: {reason(exc)}", ok=False)
    if request.htmx:
        rows = suggestion_rows(pending, field_labels())
        for row in rows:
            row.decided, row.decided_label = "accepted", "Accepted"
        return render(
            request,
            "categorize/queue/asset.html",
            {"group": {"asset": asset, "rows": rows, "pending": False, "just_decided": True}},
        )
    return _answer(request, _summary("Accepted", counts, len(items)), ok=True)


def _summary(verb: str, counts, asked: int) -> str:
    done = counts.get("done", counts.get("changed", asked)) if isinstance(counts, dict) else int(counts or 0)
    skipped = counts.get("skipped", max(asked - done, 0)) if isinstance(counts, dict) else max(asked - done, 0)
    text = f"{verb} {done} suggestion{'s' if done != 1 else ''}"
    return text + (f", skipped {skipped}." if skipped else ".")


def _answer(request, text: str, ok: bool):
    if request.htmx and not ok:  # htmx swaps only 2xx: the refusal takes the row's place and says why
        return render(request, "categorize/queue/refused.html", {"text": text})
    (messages.success if ok else messages.error)(request, text)
    return redirect(next_url(request, reverse("categorize:queue")))


@editors_only
@require_POST
def queue_decide(request):
    """One suggestion (`accept`/`reject` = "asset:field:value"), one asset's all (`accept_asset` = id), or the
    ticked `item`s with `decision` accept/reject."""
    for action in ("accept", "reject"):
        if request.POST.get(action):
            return _single(request, action, request.POST[action])
    if request.POST.get("accept_asset"):
        return _accept_asset(request, request.POST["accept_asset"])
    decision = request.POST.get("decision")
    if decision not in VERBS:
        return HttpResponseBadRequest("Choose accept or reject.")
    items = _items(request.POST.getlist("item"))
    if not items:
        return _answer(request, "Select suggestions first.", ok=False)
    service = services.accept_many if decision == "accept" else services.reject_many
    try:
        with transaction.atomic():
            counts = service(request.user, items)
    except REFUSALS as exc:
        return _answer(request, f"Nothing changed: {reason(exc)}", ok=False)
    return _answer(request, _summary(VERBS[decision], counts, len(items)), ok=True)
