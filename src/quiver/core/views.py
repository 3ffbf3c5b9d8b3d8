"""The admin view over the append-only audit log (usage events: quiver.insights.views)."""

import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from . import policy
from .models import AuditEntry
from .pagination import query_without_page

PER_PAGE = 50
# Where an audited object lives in the UI (object_type -> url name taking pk).
OBJECT_URLS = {
    "asset": "library:asset",
    "user": "accounts:user",
    "group": "accounts:group",
    "collection": "library:grant",
}


class AuditFilter(forms.Form):
    actor = forms.CharField(required=False, max_length=150, label="Who (username)")
    action = forms.CharField(required=False, max_length=64, help_text="e.g. user.role, or a prefix: user.")
    object_type = forms.CharField(required=False, max_length=64, label="Object type")
    object_id = forms.CharField(required=False, max_length=64, label="Object id")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="Until", widget=forms.DateInput(attrs={"type": "date"}))


def _show(value) -> str:
    if value is None:
        return "—"
    if value == "":
        return "(empty)"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _object_url(entry) -> str:
    name = OBJECT_URLS.get(entry.object_type)
    if not name or not entry.object_id.isdigit():
        return ""
    try:
        return reverse(name, args=[int(entry.object_id)])
    except NoReverseMatch:
        return ""


def filter_audit(entries, data: dict):
    if data.get("actor"):
        entries = entries.filter(actor_name__iexact=data["actor"].strip())
    if action := (data.get("action") or "").strip():
        entries = entries.filter(action__startswith=action) if action.endswith(".") else entries.filter(action=action)
    for key in ("object_type", "object_id"):
        if value := (data.get(key) or "").strip():
            entries = entries.filter(**{key: value})
    if data.get("since"):
        entries = entries.filter(created_at__date__gte=data["since"])
    if data.get("until"):
        entries = entries.filter(created_at__date__lte=data["until"])
    return entries


@login_required
def audit_log(request):
    if not policy.can_view_audit(request.user):
        raise PermissionDenied
    form = AuditFilter(request.GET or None)
    entries = AuditEntry.objects.all()
    if form.is_bound and form.is_valid():
        entries = filter_audit(entries, form.cleaned_data)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    for entry in page:
        entry.diff = [(key, _show(before), _show(after)) for key, before, after in entry.changes()]
        entry.one_sided = not entry.before or not entry.after  # a creation (or removal): one value column
        entry.url = _object_url(entry)
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "form": form,
            "actions": list(actions),
            "query": query_without_page(request),
            "object_type": request.GET.get("object_type", ""),
            "object_id": request.GET.get("object_id", ""),
        },
    )
