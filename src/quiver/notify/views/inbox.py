"""My notifications: the list (unread first), marking read, my preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import PreferencesForm
from ..models import NotificationKind

PER_PAGE = 30


@login_required
def inbox(request):
    notes = selectors.notifications_for(request.user)
    page = Paginator(notes, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page, "unread": selectors.unread_count(request.user)})


@login_required
@require_POST
def read(request, pk):
    """Mark one of my notifications read; with `open`, go on to what it is about (a local URL only)."""
    note = selectors.notifications_for(request.user).filter(pk=pk).first()
    if note is None:
        raise Http404("No such notification.")
    with transaction.atomic():
        services.mark_read(request.user, pk)
    if (
        request.POST.get("open")
        and note.url
        and url_has_allowed_host_and_scheme(
            note.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(note.url)
    return redirect("notify:inbox")


@login_required
@require_POST
def read_all(request):
    with transaction.atomic():
        count = services.mark_all_read(request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked read.")
    return redirect("notify:inbox")


@login_required
def preferences(request):
    pref = services.preferences(request.user)
    initial = {"shown": [k for k in NotificationKind.values if k not in pref.muted_kinds], "digest": pref.digest}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.set_preferences(request.user, form.muted(), form.cleaned_data["digest"])
        messages.success(request, "Notification settings saved.")
        return redirect("notify:preferences")
    return render(
        request,
        "notify/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.is_bound else 200,
    )
