"""The review dashboard: counts per signal, the queue with each asset's reasons, and where to start a session."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quiver.accounts.decorators import allowed_if
from quiver.library import policy

from .. import selectors
from ..forms import QueueFilterForm, owners_of, scope_choices
from ..reasons import all_signals

reviewers_only = allowed_if(policy.can_review)
PAGE_SIZE = 25


def queue_filters(request, user):
    """The filter form and the filters it means (invalid values are dropped)."""
    owners = owners_of(selectors.reviewable_assets(user))
    form = QueueFilterForm(request.GET or None, user=user, owners=owners)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.QueueFilters.from_params(data), owners


@reviewers_only
@require_GET
def dashboard(request):
    user = request.user
    form, filters, owners = queue_filters(request, user)
    counts = selectors.counts(user, filters=filters)
    page = Paginator(selectors.queue_assets(user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    assets = list(page.object_list.select_related("owner", "current_version"))
    reasons = selectors.reasons_for(user, [a.pk for a in assets], filters)
    params = filters.as_params()
    return render(
        request,
        "reviews/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "params": params,
            "signals": [(s, counts[s.key], urlencode({**params, "signal": s.key})) for s in all_signals()],
            "page": page,
            "items": [selectors.QueueItem(a, reasons[a.pk]) for a in assets],
            "scopes": scope_choices(user, owners),
            "recent": selectors.sessions_for(user).filter(user=user)[:5],
            "session_size": settings.QUIVER_REVIEW_SESSION_SIZE,
        },
    )
