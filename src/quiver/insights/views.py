"""The admin view over usage events: who viewed, previewed and downloaded what."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from quiver.core.pagination import query_without_page
from quiver.library import policy

from .models import UsageEvent, UsageKind

PER_PAGE = 50


class UsageFilter(forms.Form):
    asset = forms.IntegerField(required=False, min_value=1, label="Asset id")
    user = forms.CharField(required=False, max_length=150, label="User (username)")
    kind = forms.ChoiceField(required=False, choices=[("", "Any")] + UsageKind.choices)


@login_required
def usage_events(request):
    if not policy.can_view_usage(request.user):
        raise PermissionDenied
    form = UsageFilter(request.GET or None)
    events = UsageEvent.objects.select_related("user", "asset", "version")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("asset"):
            events = events.filter(asset_id=data["asset"])
        if data.get("user"):
            events = events.filter(user__username__iexact=data["user"].strip())
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
    page = Paginator(events.order_by("-created_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "insights/usage_events.html", {"page": page, "form": form, "query": query_without_page(request)}
    )
