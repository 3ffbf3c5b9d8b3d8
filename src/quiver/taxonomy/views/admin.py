"""Administration of the taxonomy: facet fields (order, single/multi, required for types) and their values
(order, colors, hierarchy). Admins only (library.policy.can_manage_taxonomy)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quiver.accounts.decorators import allowed_if
from quiver.library import policy

from .. import selectors, services
from ..forms import FacetFieldForm, FacetValueForm
from ..models import FacetField, FacetValue

admin_only = allowed_if(policy.can_manage_taxonomy)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@admin_only
def field_list(request):
    form = FacetFieldForm(request.POST or None, initial={"multi_select": True})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                field = services.create_field(request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Facet “{field.name}” created.")
            return redirect("taxonomy:field", pk=field.pk)
    fields = list(selectors.facet_fields())
    return render(
        request, "taxonomy/field_list.html", {"fields": fields, "form": form}, status=400 if form.errors else 200
    )


def _field_page(request, field, form=None, value_form=None, status=200):
    field = selectors.facet_fields().get(pk=field.pk)
    return render(
        request,
        "taxonomy/field_detail.html",
        {
            "field": field,
            "nodes": selectors.flat_tree(field),
            "form": form or FacetFieldForm.for_field(field),
            "value_form": value_form or FacetValueForm(field),
        },
        status=status,
    )


@admin_only
def field_detail(request, pk):
    field = get_object_or_404(FacetField, pk=pk)
    if request.method != "POST":
        return _field_page(request, field)
    form = FacetFieldForm(request.POST)
    if form.is_valid():
        changes = dict(form.cleaned_data)
        changes["slug"] = changes["slug"] or field.slug
        if changes["position"] is None:
            changes["position"] = field.position
        try:
            with transaction.atomic():
                services.update_field(request.user, field, **changes)
        except ValidationError as exc:
            _apply_errors(form, exc)
            field.refresh_from_db()
        else:
            messages.success(request, "Facet saved.")
            return redirect("taxonomy:field", pk=field.pk)
    return _field_page(request, field, form=form, status=400)


@admin_only
@require_POST
def value_create(request, pk):
    field = get_object_or_404(FacetField, pk=pk)
    form = FacetValueForm(field, request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                value = services.create_value(request.user, field, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Value “{value.name}” added.")
            return redirect("taxonomy:field", pk=field.pk)
    return _field_page(request, field, value_form=form, status=400)


@admin_only
def value_detail(request, pk, value_pk):
    value = get_object_or_404(FacetValue.objects.select_related("field"), pk=value_pk, field_id=pk)
    form = FacetValueForm.for_value(value, request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        changes["slug"] = changes["slug"] or value.slug
        if changes["position"] is None:
            changes["position"] = value.position
        try:
            with transaction.atomic():
                services.update_value(request.user, value, **changes)
        except ValidationError as exc:
            _apply_errors(form, exc)
            value.refresh_from_db()
        else:
            messages.success(request, f"Value “{value.name}” saved.")
            return redirect("taxonomy:field", pk=value.field_id)
    return render(
        request,
        "taxonomy/value_detail.html",
        {"value": value, "field": value.field, "form": form},
        status=400 if form.errors else 200,
    )
