"""Admin page of the lifecycle's governance: approval policies (who approves where) and review cadences."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quiver.library import policy

from .. import services
from ..forms import ApprovalPolicyForm, CadenceForm
from ..models import ApprovalPolicy, ReviewCadence


def _admin(user) -> None:
    if not policy.can_manage_lifecycle_rules(user):
        raise PermissionDenied("Only admins may change the lifecycle rules.")


@login_required
@require_http_methods(["GET", "POST"])
def rules(request):
    _admin(request.user)
    kind = request.POST.get("kind")
    policy_form = ApprovalPolicyForm(request.POST if kind == "policy" else None)
    cadence_form = CadenceForm(request.POST if kind == "cadence" else None)
    form = {"policy": policy_form, "cadence": cadence_form}.get(kind)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if kind == "policy":
                    services.set_approval_policy(
                        request.user,
                        collection=data["collection"],
                        approvers=data["approvers"],
                        allow_self_approval=data["allow_self_approval"],
                    )
                else:
                    services.set_cadence(
                        request.user, collection=data["collection"], asset_type=data["asset_type"], days=data["days"]
                    )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Saved.")
            return redirect("lifecycle:rules")
    return render(
        request,
        "lifecycle/rules.html",
        {
            "policies": ApprovalPolicy.objects.select_related("collection", "approvers").order_by("collection__path"),
            "cadences": ReviewCadence.objects.select_related("collection").order_by("collection__path", "asset_type"),
            "policy_form": policy_form,
            "cadence_form": cadence_form,
            "default_days": settings.QUIVER_VERIFY_DEFAULT_DAYS,
        },
    )


@login_required
@require_POST
def policy_delete(request, pk):
    _admin(request.user)
    with transaction.atomic():
        services.delete_approval_policy(request.user, get_object_or_404(ApprovalPolicy, pk=pk))
    messages.success(request, "Approval policy removed.")
    return redirect("lifecycle:rules")


@login_required
@require_POST
def cadence_delete(request, pk):
    _admin(request.user)
    with transaction.atomic():
        services.delete_cadence(request.user, get_object_or_404(ReviewCadence, pk=pk))
    messages.success(request, "Review cadence removed.")
    return redirect("lifecycle:rules")
