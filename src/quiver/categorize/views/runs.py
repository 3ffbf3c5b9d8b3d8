"""Applying the matching rules to the library: start a background BulkRun, then watch its progress (htmx polls
the progress partial while it runs; without JS the page refreshes itself by a link)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from quiver.accounts.decorators import allowed_if
from quiver.library import policy

from .. import services
from ..models import BulkRun, BulkRunKind, BulkRunStatus
from .common import REFUSALS, reason

rule_editors = allowed_if(lambda user: policy.can_manage_matching_rules(user))


@rule_editors
@require_POST
def run_start(request):
    kind = request.POST.get("kind") or BulkRunKind.RULES
    try:
        with transaction.atomic():
            run = services.apply_rules_bulk(request.user, kind=kind)
    except REFUSALS as exc:
        messages.error(request, f"Not started: {reason(exc)}")
        return redirect("categorize:rules")
    return redirect("categorize:run", pk=run.pk)


@rule_editors
@require_GET
def run_detail(request, pk):
    run = BulkRun.objects.filter(pk=pk).select_related("started_by").first()
    if run is None or not policy.can_view_bulk_run(request.user, run):
        raise Http404("No such run.")
    active = run.status in (BulkRunStatus.QUEUED, BulkRunStatus.RUNNING)
    template = "categorize/rules/run.html#progress" if request.htmx else "categorize/rules/run.html"
    return render(request, template, {"run": run, "active": active})
