"""A collection's smart rule: manual or smart, the rule, and a live count preview (htmx). Whoever may add
assets to the collection (library.policy.can_edit_smart_rule)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from quiver.library import policy
from quiver.library.selectors import collection_assets

from .. import selectors, smart
from ..forms import SmartRuleForm
from .admin import _apply_errors


def _editable(user, pk):
    collection = policy.viewable_collections(user).filter(pk=pk).first()
    if collection is None:
        raise Http404("No such collection.")
    if not policy.can_edit_smart_rule(user, collection):
        raise PermissionDenied("You may not change this collection.")
    return collection


@login_required
def rule_edit(request, pk):
    collection = _editable(request.user, pk)
    rule = selectors.smart_rule(collection)
    form = SmartRuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if form.cleaned_data["mode"] == "manual":
                    smart.remove_rule(request.user, collection)
                    note = "The collection is manual."
                else:
                    smart.set_rule(
                        request.user, collection, form.query(), include_archived=form.cleaned_data["include_archived"]
                    )
                    note = "Smart rule saved; matching assets were filed."
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, note)
            return redirect("library:collection", pk=collection.pk)
    count = None
    if rule is not None:
        count = collection_assets(collection, request.user).filter(smart_memberships__collection=collection).count()
    return render(
        request,
        "taxonomy/rule_edit.html",
        {
            "collection": collection,
            "rule": rule,
            "form": form,
            "count": count,
            "conditions": selectors.describe_query(rule.query) if rule else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def rule_preview(request, pk):
    """The live count: how many assets the user may see the rule in the form would file."""
    collection = _editable(request.user, pk)
    form = SmartRuleForm(request.GET)
    count, sample, error = None, [], ""
    if form.is_valid():
        try:
            query = smart.clean_query(form.query())
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            count, sample = selectors.preview(
                request.user, query, include_archived=form.cleaned_data["include_archived"]
            )
    else:
        error = "Check the rule."
    return render(
        request,
        "taxonomy/partials/rule_preview.html",
        {"collection": collection, "count": count, "sample": sample, "error": error},
    )
