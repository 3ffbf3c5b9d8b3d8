from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.core import policy

from .. import providers, selectors, services
from ..decorators import allowed_if
from ..forms import GroupMembersForm, GroupNameForm

admin_only = allowed_if(policy.can_manage_users)


@admin_only
def group_list(request):
    form = GroupNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                group = services.create_group(form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, f"Created group {group.name}.")
            return redirect("accounts:group", pk=group.pk)
    status = 400 if form.errors else 200
    return render(
        request, "accounts/group_list.html", {"groups": selectors.groups_with_counts(), "form": form}, status=status
    )


def _group_page(request, group, name_form=None, members_form=None, status=200):
    members = list(selectors.group_members(group))
    grants = providers.group_grants(group)
    return render(
        request,
        "accounts/group_detail.html",
        {
            "group": group,
            "members": members,
            "grants": grants,
            "name_form": name_form or GroupNameForm(initial={"name": group.name}),
            "members_form": members_form or GroupMembersForm(initial={"members": members}),
        },
        status=status,
    )


@admin_only
def group_detail(request, pk):
    return _group_page(request, get_object_or_404(Group, pk=pk))


@admin_only
@require_POST
def group_rename(request, pk):
    group = get_object_or_404(Group, pk=pk)
    form = GroupNameForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.rename_group(group, form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            form.add_error("name", exc)
            group.refresh_from_db()
        else:
            messages.success(request, "Group renamed.")
            return redirect("accounts:group", pk=group.pk)
    return _group_page(request, group, name_form=form, status=400)


@admin_only
@require_POST
def group_members(request, pk):
    group = get_object_or_404(Group, pk=pk)
    form = GroupMembersForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, members_form=form, status=400)
    with transaction.atomic():
        services.set_group_members(group, form.cleaned_data["members"], actor=request.user)
    messages.success(request, "Members saved.")
    return redirect("accounts:group", pk=group.pk)
