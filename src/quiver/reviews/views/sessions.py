"""Review sessions: start one, list past ones, a session's summary, pause, resume and finish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quiver.library import policy

from .. import selectors, services
from ..forms import StartForm
from .dashboard import reviewers_only


def session_or_404(user, pk):
    session = selectors.session_for(user, pk)
    if session is None:
        raise Http404("No such review session.")
    return session


def own_session_or_404(user, pk):
    """Working in a session (walk, act, pause...): only who started it; others' sessions do not exist for it."""
    session = session_or_404(user, pk)
    if not policy.can_work_in_session(user, session):
        raise PermissionDenied("Only who started a session works in it.")
    return session


def _start(request):
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to review.")
        return redirect("reviews:dashboard")
    data = form.cleaned_data
    filters = selectors.QueueFilters.from_params(data)
    try:
        with transaction.atomic():
            session = services.start_session(request.user, data["kind"], data["value"], filters=filters)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:dashboard")
    return redirect("reviews:walk", session.pk)


@reviewers_only
@require_http_methods(["GET", "POST"])
def session_list(request):
    """GET: past and open sessions (admins: everyone's); POST: start a session."""
    if request.method == "POST":
        return _start(request)
    page = Paginator(selectors.sessions_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reviews/session_list.html", {"page": page})


@reviewers_only
def session_detail(request, pk):
    session = session_or_404(request.user, pk)
    items = session.items.select_related("asset")
    return render(
        request,
        "reviews/session_detail.html",
        {
            "session": session,
            "items": items,
            "summary": selectors.summary(session),
            "mine": policy.can_work_in_session(request.user, session),
        },
    )


def _change(request, pk, change):
    session = own_session_or_404(request.user, pk)
    with transaction.atomic():
        change(request.user, session)
    return session


@reviewers_only
@require_POST
def session_pause(request, pk):
    _change(request, pk, services.pause)
    messages.info(request, "Session paused. Resume it whenever you like.")
    return redirect("reviews:session", pk)


@reviewers_only
@require_POST
def session_resume(request, pk):
    _change(request, pk, services.resume)
    return redirect("reviews:walk", pk)


@reviewers_only
@require_POST
def session_finish(request, pk):
    _change(request, pk, services.finish)
    messages.success(request, "Session finished.")
    return redirect("reviews:session", pk)
