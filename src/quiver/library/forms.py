"""Forms of the library web UI. Choices are always limited through the permission policy."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from quiver.accounts.forms import AdminForm

from . import policy
from .models import Asset, AssetStatus, AssetType, GrantLevel, ProcessingStatus
from .selectors import SORTS, AssetFilters


class CollectionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


def split_tags(raw: str) -> list[str]:
    return [t for t in (" ".join(part.split()) for part in (raw or "").split(",")) if t]


class NoColonMixin:
    """Labels without a trailing colon (the layout puts them above their input)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the upload view (one asset per file)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Per-file problems (empty, too large, refused) are reported next to each file by the view.
        return list(data) if isinstance(data, list | tuple) else ([data] if data else [])


class FilterForm(forms.Form):
    q = forms.CharField(required=False, label="Title or description contains", max_length=200)
    asset_type = forms.ChoiceField(required=False, label="Type", choices=[("", "Any type"), *AssetType.choices])
    collection = forms.ModelChoiceField(required=False, label="Collection", queryset=None, empty_label="Any collection")
    owner = forms.ModelChoiceField(required=False, label="Owner", queryset=None, empty_label="Anyone")
    status = forms.ChoiceField(
        required=False, label="Status", choices=[("", "Draft or published"), *AssetStatus.choices]
    )
    processing = forms.ChoiceField(required=False, label="Processing", choices=[("", "Any"), *ProcessingStatus.choices])
    sort = forms.ChoiceField(
        required=False,
        label="Sort by",
        choices=[("updated", "Recently updated"), ("created", "Recently created"), ("title", "Title")],
    )

    def __init__(self, data, *, user, collections, owners):
        super().__init__(data)
        self.fields["collection"].queryset = collections
        self.fields["collection"].label_from_instance = lambda c: f"{'— ' * c.depth}{c.name}"
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        self.for_editors = policy.is_admin(user) or policy.is_editor(user)
        if not self.for_editors:
            del self.fields["status"]
            del self.fields["processing"]

    def filters(self) -> AssetFilters:
        """The valid filters; an invalid one (e.g. a collection the user cannot see) is dropped, not the rest."""
        self.is_valid()
        data = self.cleaned_data
        owner, sort = data.get("owner"), data.get("sort") or "updated"
        return AssetFilters(
            q=(data.get("q") or "").strip(),
            asset_type=data.get("asset_type") or "",
            collection=data.get("collection"),
            owner_id=owner.pk if owner else None,
            status=data.get("status") or "",
            processing=data.get("processing") or "",
            sort=sort if sort in SORTS else "updated",
        )


class _FilingMixin:
    """Collections limited to those the user may edit, and comma-separated tags."""

    def _setup_filing(self, user, *, extra_collection_ids=()):
        """Offer the editable collections, plus the asset's current ones (kept unless the user changes them)."""
        editable = policy.editable_collections(user)
        qs = editable.model.objects.filter(pk__in=editable.values("pk"))
        if extra_collection_ids:
            qs = editable.model.objects.filter(Q(pk__in=editable.values("pk")) | Q(pk__in=list(extra_collection_ids)))
        self.fields["collections"].queryset = qs.order_by("path")


class UploadForm(NoColonMixin, _FilingMixin, forms.Form):
    files = MultipleFileField(label="Files", required=False)
    collections = CollectionChoiceField(
        queryset=None, required=True, label="Collections", help_text="Where the new assets are filed."
    )
    tags = forms.CharField(required=False, label="Tags", help_text="Separated by commas.", max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_filing(user)

    def clean_tags(self):
        return split_tags(self.cleaned_data["tags"])


class LinkForm(NoColonMixin, _FilingMixin, forms.Form):
    link_url = forms.URLField(label="Web address (URL)", max_length=2000, assume_scheme="https")
    title = forms.CharField(label="Title", max_length=300)
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    collections = CollectionChoiceField(queryset=None, required=True, label="Collections")
    tags = forms.CharField(required=False, label="Tags", help_text="Separated by commas.", max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_filing(user)

    def clean_link_url(self):
        url = self.cleaned_data["link_url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Only http and https addresses can be added.")
        return url

    def clean_tags(self):
        return split_tags(self.cleaned_data["tags"])


class VersionForm(NoColonMixin, forms.Form):
    file = forms.FileField(label="New file")
    change_note = forms.CharField(label="What changed", required=False, max_length=500)


class AssetEditForm(NoColonMixin, _FilingMixin, forms.ModelForm):
    collections = CollectionChoiceField(queryset=None, required=False, label="Collections")
    tags = forms.CharField(required=False, label="Tags", help_text="Separated by commas.", max_length=1000)
    link_url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="Web address (URL)",
        help_text="Only for web-link assets.",
    )

    class Meta:
        model = Asset
        fields = ["title", "description", "asset_type", "owner", "status", "language", "link_url"]
        labels = {"asset_type": "Type", "link_url": "Web address (URL)", "owner": "Owner"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Current collections the user cannot see are neither offered nor named (selectors.hidden_collection_ids).
        viewable = policy.viewable_collections(user).values("pk")
        current = (
            list(self.instance.collections.filter(pk__in=viewable).values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        self._setup_filing(user, extra_collection_ids=current)
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        if self.instance.pk:
            self.initial["collections"] = current
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_link_url(self):
        url = self.cleaned_data["link_url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Only http and https addresses are allowed.")
        return url

    def clean_tags(self):
        return split_tags(self.cleaned_data["tags"])


class CollectionForm(NoColonMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class GrantForm(AdminForm):
    """A group gets `view` or `edit` on a collection (and everything below it)."""

    group = forms.ModelChoiceField(queryset=Group.objects.order_by("name"))
    level = forms.ChoiceField(choices=GrantLevel.choices)
