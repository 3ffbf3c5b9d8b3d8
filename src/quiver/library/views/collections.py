"""Browsing the collection tree; editors with edit rights create sub-collections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import policy, selectors, services
from ..forms import CollectionForm


def _viewable_or_404(user, pk):
    collection = selectors.viewable_collection(user, pk)
    if collection is None:
        raise Http404("No such collection.")
    return collection


@login_required
@require_GET
def collection_list(request):
    can_create_top = policy.can_manage_collection(request.user, None)
    return render(
        request,
        "library/collection_list.html",
        {"tree": selectors.collection_tree(request.user), "form": CollectionForm() if can_create_top else None},
    )


@login_required
@require_GET
def collection_detail(request, pk):
    collection = _viewable_or_404(request.user, pk)
    assets = selectors.collection_assets(collection, request.user)  # filed by hand or by its smart rule
    page = Paginator(assets, 24).get_page(request.GET.get("page"))
    can_manage = policy.can_manage_collection(request.user, collection)
    breadcrumbs = list(selectors.collection_breadcrumbs(collection))
    linkable = set(
        policy.viewable_collections(request.user)
        .filter(pk__in=[c.pk for c in breadcrumbs])
        .values_list("pk", flat=True)
    )  # an ancestor out of reach: no link
    return render(
        request,
        "library/collection_detail.html",
        {
            "collection": collection,
            "breadcrumbs": breadcrumbs,
            "linkable": linkable,
            "children": selectors.sub_collections(request.user, collection),
            "page": page,
            "layout": "list" if request.GET.get("view") == "list" else "grid",
            "form": CollectionForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def collection_create(request, pk=None):
    parent = _viewable_or_404(request.user, pk) if pk is not None else None
    if not policy.can_manage_collection(request.user, parent):
        raise PermissionDenied("You may not create collections here.")
    form = CollectionForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                collection = services.create_collection(request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "The collection was not created: " + " ".join(error.messages))
        else:
            messages.success(request, f"Collection “{collection.name}” created.")
            return redirect("library:collection", pk=collection.pk)
    else:
        messages.error(request, "The collection was not created: a name is required.")
    return redirect("library:collection", pk=parent.pk) if parent else redirect("library:collections")
