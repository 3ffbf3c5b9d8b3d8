from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.core import policy
from quiver.core.roles import Role

from .. import providers, selectors, services
from ..decorators import allowed_if
from ..forms import ProfileForm, RoleForm, UserCreateForm, UserGroupsForm
from ..models import User

admin_only = allowed_if(policy.can_manage_users)


@admin_only
def user_list(request):
    q, role, active = (request.GET.get(k, "").strip() for k in ("q", "role", "active"))
    page = Paginator(selectors.users_for_admin(q, role, active), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "q": q, "role": role, "active": active, "roles": Role.choices, "query": params.urlencode()},
    )


@admin_only
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = services.create_user(
                    data["username"],
                    data["role"],
                    data["password"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    actor=request.user,
                )
                if data["groups"]:
                    services.set_groups(user, data["groups"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Created {user.username}.")
            return redirect("accounts:user", pk=user.pk)
    return render(request, "accounts/user_create.html", {"form": form}, status=400 if form.errors else 200)


def _user_page(request, user, error: str = "", **forms):
    ctx = {
        "error": error,
        "subject": user,
        "profile_form": forms.get("profile_form")
        or ProfileForm(initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email}),
        "role_form": forms.get("role_form") or RoleForm(initial={"role": user.role}),
        "groups_form": forms.get("groups_form") or UserGroupsForm(initial={"groups": list(user.groups.all())}),
        "tokens": selectors.tokens_of(user),
        "access": providers.collection_access(user),
        "is_self": user.pk == request.user.pk,
    }
    return render(request, "accounts/user_detail.html", ctx, status=400 if forms or error else 200)


@admin_only
def user_detail(request, pk):
    return _user_page(request, get_object_or_404(User, pk=pk))


def _apply(request, user, change, success: str):
    """Run a service change in a transaction; on a refused change show the reason on the same page (400)."""
    try:
        with transaction.atomic():
            change()
    except ValidationError as exc:
        user.refresh_from_db()
        return _user_page(request, user, error=" ".join(exc.messages))
    messages.success(request, success)
    return redirect("accounts:user", pk=user.pk)


@admin_only
@require_POST
def user_profile(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _user_page(request, user, profile_form=form)
    return _apply(
        request, user, lambda: services.update_profile(user, actor=request.user, **form.cleaned_data), "Profile saved."
    )


@admin_only
@require_POST
def user_role(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _user_page(request, user, role_form=form)
    return _apply(
        request, user, lambda: services.set_role(user, form.cleaned_data["role"], actor=request.user), "Role saved."
    )


@admin_only
@require_POST
def user_groups(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = UserGroupsForm(request.POST)
    if not form.is_valid():
        return _user_page(request, user, groups_form=form)
    return _apply(
        request,
        user,
        lambda: services.set_groups(user, form.cleaned_data["groups"], actor=request.user),
        "Groups saved.",
    )


@admin_only
@require_POST
def user_active(request, pk):
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    return _apply(
        request,
        user,
        lambda: services.set_active(user, active, actor=request.user),
        f"{user.username} {'reactivated' if active else 'deactivated'}.",
    )
