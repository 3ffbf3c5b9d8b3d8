"""Forms of the review pages. Choices come through the permission policy."""

from django import forms
from django.contrib.auth import get_user_model

from quiver.library import policy
from quiver.library.forms import NoColonMixin, split_tags
from quiver.library.models import AssetType, Collection
from quiver.search.models import SavedSearch

from .models import ScopeKind
from .reasons import all_signals


def _collection_choices(qs):
    return [(c.pk, f"{'— ' * c.depth}{c.name}") for c in qs.order_by("path")]


class QueueFilterForm(NoColonMixin, forms.Form):
    signal = forms.ChoiceField(required=False, label="Signal")
    owner = forms.TypedChoiceField(required=False, label="Owner", coerce=int, empty_value=None)
    collection = forms.TypedChoiceField(required=False, label="Collection", coerce=int, empty_value=None)
    asset_type = forms.ChoiceField(required=False, label="Type", choices=[("", "Any type"), *AssetType.choices])

    def __init__(self, data, *, user, owners):
        super().__init__(data)
        self.fields["signal"].choices = [("", "Any signal")] + [(s.key, s.label) for s in all_signals()]
        self.fields["owner"].choices = [("", "Anyone")] + [(u.pk, u.display_name or u.username) for u in owners]
        self.fields["collection"].choices = [("", "Any collection")] + _collection_choices(
            policy.editable_collections(user)
        )


class StartForm(forms.Form):
    """Start a session: `kind` and `value` (a collection id, owner id, asset type, signal key or saved search id);
    with kind=queue, the queue filters of the dashboard come along."""

    kind = forms.ChoiceField(choices=ScopeKind.choices)
    value = forms.CharField(required=False, max_length=200)
    signal = forms.CharField(required=False, max_length=40)
    owner = forms.CharField(required=False, max_length=20)
    collection = forms.CharField(required=False, max_length=20)
    asset_type = forms.CharField(required=False, max_length=40)


def scope_choices(user, owners) -> dict:
    """What the dashboard offers to start a session over."""
    return {
        "collections": _collection_choices(policy.editable_collections(user)),
        "owners": [(u.pk, u.display_name or u.username) for u in owners],
        "asset_types": AssetType.choices,
        "signals": [(s.key, s.label) for s in all_signals()],
        "saved_searches": list(SavedSearch.objects.filter(user=user).values_list("pk", "name")),
    }


class EditForm(NoColonMixin, forms.Form):
    title = forms.CharField(max_length=300, label="Title")
    description = forms.CharField(required=False, label="Description", widget=forms.Textarea(attrs={"rows": 3}))
    asset_type = forms.ChoiceField(choices=AssetType.choices, label="Type")
    language = forms.CharField(required=False, max_length=16, label="Language")
    note = forms.CharField(required=False, max_length=5000, label="Note")


class CollectionsForm(NoColonMixin, forms.Form):
    collections = forms.TypedMultipleChoiceField(
        coerce=int, label="Add to collections", widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(required=False, max_length=5000, label="Note")

    def __init__(self, data=None, *, user, asset):
        super().__init__(data)
        current = asset.collections.values("pk")
        self.fields["collections"].choices = _collection_choices(
            policy.editable_collections(user).exclude(pk__in=current)
        )


class ReplaceForm(NoColonMixin, forms.Form):
    file = forms.FileField(label="Replacement file")
    change_note = forms.CharField(required=False, max_length=500, label="What changed")
    note = forms.CharField(required=False, max_length=5000, label="Note")


class RetagForm(NoColonMixin, forms.Form):
    add_tags = forms.CharField(required=False, max_length=1000, label="Add tags", help_text="Separated by commas.")
    remove_tags = forms.MultipleChoiceField(required=False, label="Remove tags", widget=forms.CheckboxSelectMultiple)
    add_values = forms.TypedMultipleChoiceField(required=False, coerce=int, label="Add facet values")
    remove_values = forms.TypedMultipleChoiceField(
        required=False, coerce=int, label="Remove facet values", widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(required=False, max_length=5000, label="Note")

    def __init__(self, data=None, *, asset, facet_values, assigned):
        super().__init__(data)
        self.fields["remove_tags"].choices = [(t.name, t.name) for t in asset.tags.all()]
        self.fields["add_values"].choices = [
            (v.pk, f"{v.field.name}: {v.name}") for v in facet_values if v.pk not in {a.pk for a in assigned}
        ]
        self.fields["remove_values"].choices = [(v.pk, f"{v.field.name}: {v.name}") for v in assigned]
        self._values = {v.pk: v for v in [*facet_values, *assigned]}

    def clean_add_tags(self):
        return split_tags(self.cleaned_data["add_tags"])

    def by_field(self, name: str) -> dict:
        out: dict[str, list[str]] = {}
        for pk in self.cleaned_data.get(name) or []:
            value = self._values[pk]
            out.setdefault(value.field.slug, []).append(value.name)
        return out


def owners_of(assets):
    return get_user_model().objects.filter(pk__in=assets.values("owner_id")).order_by("username")


def collection_names(ids) -> dict:
    return dict(Collection.objects.filter(pk__in=ids).values_list("pk", "name"))
