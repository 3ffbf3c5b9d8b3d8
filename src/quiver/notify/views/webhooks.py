"""Webhook administration (admins): endpoints, the delivery log, redelivery."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.accounts.decorators import allowed_if
from quiver.library import policy

from .. import selectors
from ..forms import DeliveryFilter, WebhookForm
from ..models import WebhookDelivery, WebhookEndpoint
from ..webhooks import delivery as deliveries_service
from ..webhooks import endpoints as endpoint_service
from ..webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER

admin_only = allowed_if(policy.can_manage_webhooks)
PER_PAGE = 50


@admin_only
def webhooks(request):
    endpoints = WebhookEndpoint.objects.order_by("name", "pk")
    return render(request, "notify/webhooks/list.html", {"endpoints": endpoints})


@admin_only
def webhook_create(request):
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            endpoint = endpoint_service.create_endpoint(
                request.user, data["name"], data["url"], data["events"], data["active"]
            )
        messages.success(request, f"Webhook “{endpoint.name}” created. Give its secret to the receiver.")
        return redirect("notify:webhook", pk=endpoint.pk)
    return render(request, "notify/webhooks/form.html", {"form": form}, status=400 if form.is_bound else 200)


@admin_only
def webhook(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    form = WebhookForm(request.POST or None, instance=WebhookEndpoint.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            endpoint_service.update_endpoint(
                request.user,
                endpoint,
                rotate_secret=data["new_secret"],
                name=data["name"],
                url=data["url"],
                events=data["events"],
                active=data["active"],
            )
        messages.success(request, "Webhook saved." + (" It has a new secret." if data["new_secret"] else ""))
        return redirect("notify:webhook", pk=endpoint.pk)
    recent = selectors.deliveries(endpoint_id=endpoint.pk)[:10]
    return render(
        request,
        "notify/webhooks/detail.html",
        {
            "endpoint": endpoint,
            "form": form,
            "recent": recent,
            "signature_header": SIGNATURE_HEADER,
            "timestamp_header": TIMESTAMP_HEADER,
        },
        status=400 if form.is_bound else 200,
    )


@admin_only
@require_POST
def webhook_delete(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    with transaction.atomic():
        endpoint_service.delete_endpoint(request.user, endpoint)
    messages.success(request, f"Webhook “{endpoint.name}” deleted, with its delivery log.")
    return redirect("notify:webhooks")


@admin_only
@require_POST
def webhook_test(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    with transaction.atomic():
        sent = deliveries_service.send_test(endpoint, request.user)
    messages.success(request, "A test event is on its way: its result is below.")
    return redirect("notify:delivery", pk=sent.pk)


@admin_only
def deliveries(request):
    form = DeliveryFilter(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.deliveries(
        endpoint_id=data.get("endpoint") and data["endpoint"].pk,
        status=data.get("status", ""),
        event=data.get("event", ""),
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "notify/webhooks/deliveries.html", {"page": page, "form": form, "query": params.urlencode()})


@admin_only
def delivery(request, pk):
    item = get_object_or_404(WebhookDelivery.objects.select_related("endpoint", "asset"), pk=pk)
    return render(request, "notify/webhooks/delivery.html", {"delivery": item, "pretty": _pretty(item.body)})


@admin_only
@require_POST
def redeliver(request, pk):
    item = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=pk)
    with transaction.atomic():
        again = deliveries_service.redeliver(item)
    messages.success(request, "Sent again as a new delivery.")
    return redirect("notify:delivery", pk=again.pk)


def _pretty(body: str) -> str:
    import json

    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body
