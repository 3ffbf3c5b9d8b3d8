from django.contrib import messages
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.core import policy
from quiver.library import grants
from quiver.library.models import Collection

from ..decorators import allowed_if
from ..forms import GrantForm

admin_only = allowed_if(policy.can_manage_users)


@admin_only
def grant_overview(request):
    return render(request, "accounts/grant_overview.html", {"tree": grants.access_tree()})


def _collection_page(request, collection, form=None, status=200):
    access = grants.collection_access(collection)
    return render(request, "accounts/grant_detail.html", {
        "access": access, "collection": collection, "ancestors": [a for a in collection.ancestors()],
        "members": grants.members_access(access), "form": form or GrantForm(),
    }, status=status)


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
    messages.success(request, f"{form.cleaned_data['group'].name} may now {form.cleaned_data['level']} "
                              f"{collection.name} and everything below it.")
    return redirect("accounts:grant", pk=collection.pk)


@admin_only
@require_POST
def grant_remove(request, pk, group_pk):
    collection = get_object_or_404(Collection, pk=pk)
    group = get_object_or_404(Group, pk=group_pk)
    with transaction.atomic():
        removed = grants.remove_grant(collection, group, actor=request.user)
    if removed:
        messages.success(request, f"Removed the grant of {group.name} on {collection.name}.")
    return redirect("accounts:grant", pk=collection.pk)
