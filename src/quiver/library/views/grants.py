"""Collection access (admins): which groups view or edit which collections, and changing it."""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.accounts.decorators import allowed_if

from .. import grants, policy
from ..forms import GrantForm
from ..models import Collection

admin_only = allowed_if(policy.can_manage_grants)


@admin_only
def grant_overview(request):
    return render(request, "library/grants/overview.html", {"tree": grants.access_tree()})


def _collection_page(request, collection, form=None, status=200):
    access = grants.collection_access(collection)
    return render(
        request,
        "library/grants/detail.html",
        {
            "access": access,
            "collection": collection,
            "ancestors": list(collection.ancestors()),
            "members": grants.members_access(access),
            "form": form or GrantForm(),
        },
        status=status,
    )


@admin_only
def grant_detail(request, pk):
    return _collection_page(request, get_object_or_404(Collection, pk=pk))


@admin_only
@require_POST
def grant_set(request, pk):
    collection = get_object_or_404(Collection, pk=pk)
    form = GrantForm(request.POST)
    if not form.is_valid():
        return _collection_page(request, collection, form, status=400)
    with transaction.atomic():
        grants.set_grant(collection, form.cleaned_data["group"], form.cleaned_data["level"], actor=request.user)
    messages.success(
        request,
        f"{form.cleaned_data['group'].name} may now {form.cleaned_data['level']} "
        f"{collection.name} and everything below it.",
    )
    return redirect("library:grant", pk=collection.pk)


@admin_only
@require_POST
def grant_remove(request, pk, group_pk):
    collection = get_object_or_404(Collection, pk=pk)
    group = get_object_or_404(Group, pk=group_pk)
    with transaction.atomic():
        removed = grants.remove_grant(collection, group, actor=request.user)
    if removed:
        messages.success(request, f"Removed the grant of {group.name} on {collection.name}.")
    return redirect("library:grant", pk=collection.pk)
