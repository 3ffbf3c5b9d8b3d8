from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from quiver.library import policy

from .models import AuditEntry


@login_required
def audit_log(request):
    if not policy.can_view_audit(request.user):
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    for key in ("object_type", "object_id", "action"):
        if value := request.GET.get(key):
            entries = entries.filter(**{key: value})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page})
