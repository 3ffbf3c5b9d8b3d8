"""Walking a session: one asset at a time with its preview, reasons, suggestions and the actions (keyboard first:
static/reviews/review.js maps the keys to the controls of this page; everything works without it too)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from quiver.library import policy
from quiver.library.views.common import clamp_page
from quiver.taxonomy.models import AssetFacetValue, FacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

from .. import actions, services
from ..forms import CollectionsForm, EditForm, ReplaceForm, RetagForm
from ..models import ReviewItem, SessionStatus
from .dashboard import reviewers_only
from .sessions import own_session_or_404


def _preview(asset, raw_page) -> dict:
    version = asset.current_version
    pages = version.pages.order_by("number") if version else None
    count = pages.count() if pages is not None else 0
    number = clamp_page(raw_page, count)
    page = pages.filter(number=number).first() if count else None
    return {"version": version, "page": page, "page_number": number, "page_count": count}


def _facet_forms(asset, data=None):
    assigned = [
        a.value
        for a in AssetFacetValue.objects.filter(asset=asset).select_related("value__field")
        if a.value.field.slug not in AUTOMATIC_FIELDS
    ]
    values = list(FacetValue.objects.exclude(field__slug__in=AUTOMATIC_FIELDS).select_related("field"))
    return RetagForm(data, asset=asset, facet_values=values, assigned=assigned)


@reviewers_only
@require_GET
def session_walk(request, pk):
    session = own_session_or_404(request.user, pk)
    if session.status == SessionStatus.FINISHED:
        return redirect("reviews:session", pk)
    if "at" in request.GET and session.status == SessionStatus.ACTIVE:
        with transaction.atomic():
            services.go_to(request.user, session, clamp_page(request.GET["at"], 10**6) - 1)
    total = services.item_count(session)
    item = session.items.select_related("asset__owner", "asset__current_version").get(position=session.position)
    asset = item.asset
    gone = ""
    if asset is not None and (asset.deleted_at or asset.merged_into_id):
        gone = "was merged into its twin" if asset.merged_into_id else "is in the trash"
        asset = None
    ctx = {
        "gone": gone or "no longer exists",
        "session": session,
        "item": item,
        "asset": asset,
        "total": total,
        "number": session.position + 1,
        "has_prev": session.position > 0,
        "has_next": session.position < total - 1,
        "active": session.status == SessionStatus.ACTIVE,
    }
    if asset is not None:
        suggestions = actions.pending_suggestions(request.user, asset)
        ctx.update(_preview(asset, request.GET.get("page")))
        ctx.update(
            {
                "suggestions": [(s, actions.suggestion_value(s)) for s in suggestions],
                "tags": list(asset.tags.all()),
                "twins": actions.twins(request.user, asset),
                "replacement": (
                    policy.visible_assets(request.user).filter(pk=asset.replaced_by_id).first()
                    if asset.replaced_by_id
                    else None
                ),
                "edit_form": EditForm(initial={f: getattr(asset, f) for f in actions.EDIT_FIELDS}),
                "collections_form": CollectionsForm(user=request.user, asset=asset),
                "replace_form": ReplaceForm(),
                "retag_form": _facet_forms(asset),
            }
        )
    return render(request, "reviews/walk.html", ctx)


def _run(request, session, item):
    """Dispatch the POSTed action; returns a message for the reviewer."""
    post, user, note = request.POST, request.user, request.POST.get("note", "")[:5000]
    action = post.get("action", "")
    if action in ("verify", "accept_all", "archive", "skip"):
        getattr(actions, action)(user, session, item, note=note)
        return {
            "verify": "Verified.",
            "accept_all": "Suggestions accepted.",
            "archive": "Archived.",
            "skip": "Skipped.",
        }[action]
    if action in ("accept", "reject"):
        actions.decide(user, session, item, post.get("field", ""), post.get("value", ""), accept=action == "accept")
        return "Suggestion accepted." if action == "accept" else "Suggestion rejected."
    if action == "note":
        services.add_note(user, session, item, note)
        return "Note saved."
    if action == "merge":
        twin = post.get("twin", "")
        if not twin.isdigit():
            raise ValidationError("Choose the twin to merge into.")
        actions.merge(user, session, item, int(twin), note=note)
        return "Merged into its twin."
    asset = actions.editable(user, item)
    if action == "edit":
        form = EditForm(post)
        _valid(form)
        actions.edit(user, session, item, **{f: form.cleaned_data[f] for f in actions.EDIT_FIELDS}, note=note)
        return "Changes saved."
    if action == "collections":
        form = CollectionsForm(post, user=user, asset=asset)
        _valid(form)
        actions.add_collections(user, session, item, form.cleaned_data["collections"], note=note)
        return "Added to the collections."
    if action == "replace":
        form = ReplaceForm(post, request.FILES)
        _valid(form)
        actions.replace(
            user, session, item, form.cleaned_data["file"], change_note=form.cleaned_data["change_note"], note=note
        )
        return "Replacement uploaded: it is being processed."
    if action == "retag":
        form = _facet_forms(asset, post)
        _valid(form)
        actions.retag(
            user,
            session,
            item,
            add_tags=form.cleaned_data["add_tags"],
            remove_tags=form.cleaned_data["remove_tags"],
            add_values=form.by_field("add_values"),
            remove_values=form.by_field("remove_values"),
            note=note,
        )
        return "Tags and facets saved."
    raise ValidationError("Unknown action.")


def _valid(form) -> None:
    if not form.is_valid():
        problems = [
            f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".lstrip(": ")
            for k, v in form.errors.items()
        ]
        raise ValidationError(problems)


@reviewers_only
@require_POST
def item_action(request, pk, item_pk):
    session = own_session_or_404(request.user, pk)
    item = ReviewItem.objects.filter(session=session, pk=item_pk).first()
    if item is None:
        raise Http404("No such item in this session.")
    url = reverse("reviews:walk", args=[pk])
    if session.status != SessionStatus.ACTIVE:
        messages.error(request, "This session is not running: resume it first.")
        return redirect(url if session.status == SessionStatus.PAUSED else session.get_absolute_url())
    try:
        with transaction.atomic():
            done = _run(request, session, item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(url)
