from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from quiver.core import policy

from .. import selectors, services
from ..decorators import allowed_if
from ..forms import TokenForm
from ..models import ApiToken

signed_in = allowed_if(lambda user: user.is_authenticated)


@signed_in
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            raw = services.issue_token(request.user, form.cleaned_data["name"], actor=request.user)
        # Shown once, in this response only: never stored, never redirected through the session.
        response = render(request, "accounts/token_created.html", {"raw": raw, "name": form.cleaned_data["name"]})
        add_never_cache_headers(response)
        return response
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": selectors.tokens_of(request.user)},
        status=400 if form.errors else 200,
    )


@allowed_if(policy.can_manage_users)
def token_admin(request):
    username = request.GET.get("user", "").strip()
    include_revoked = request.GET.get("revoked") == "1"
    return render(
        request,
        "accounts/token_admin.html",
        {
            "tokens": selectors.all_tokens(username, include_revoked),
            "username": username,
            "include_revoked": include_revoked,
        },
    )


@signed_in
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if not policy.can_manage_token(request.user, token):
        # Someone else's token: do not even confirm it exists.
        raise Http404
    with transaction.atomic():
        services.revoke_token(token, actor=request.user)
    messages.success(request, f"Revoked token {token.prefix}….")
    nxt = request.POST.get("next", "")
    if nxt in ("admin", "user") and policy.can_manage_users(request.user):
        return redirect("accounts:tokens_admin") if nxt == "admin" else redirect("accounts:user", pk=token.user_id)
    return redirect("accounts:tokens")
