"""Forms of the taxonomy UI. `AssetFacetsForm` is also the form helper for other pages: build it with an asset,
render its fields, call `save(actor)` in a transaction."""

from django import forms

from quiver.library.models import AssetType

from . import selectors, services
from .models import FacetField, FacetValue
from .services import AUTOMATIC_FIELDS

COLOR_INPUT = forms.TextInput(
    attrs={"pattern": "#[0-9a-fA-F]{6}", "placeholder": "#1f6feb", "maxlength": 7, "autocomplete": "off"}
)


class FacetFieldForm(forms.Form):
    name = forms.CharField(max_length=80)
    slug = forms.SlugField(
        max_length=80, required=False, help_text="Used in URLs and the API; made from the name when empty."
    )
    multi_select = forms.BooleanField(
        required=False,
        initial=True,
        label="Several values per asset",
        help_text="Unticked: single-select, at most one value per asset.",
    )
    position = forms.IntegerField(
        min_value=0, max_value=1_000_000, required=False, help_text="Lower comes first; empty puts it last."
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    required_for = forms.MultipleChoiceField(
        choices=AssetType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Required for these asset types",
    )

    @classmethod
    def for_field(cls, field: FacetField, data=None):
        return cls(
            data,
            initial={
                "name": field.name,
                "slug": field.slug,
                "multi_select": field.multi_select,
                "position": field.position,
                "description": field.description,
                "required_for": field.required_for,
            },
        )


class FacetValueForm(forms.Form):
    name = forms.CharField(max_length=120)
    slug = forms.SlugField(max_length=120, required=False, help_text="Made from the name when empty.")
    parent = forms.ModelChoiceField(
        queryset=FacetValue.objects.none(),
        required=False,
        empty_label="— top level —",
        help_text="Place the value below another one (optional hierarchy).",
    )
    position = forms.IntegerField(
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text="Lower comes first among its siblings; empty puts it last.",
    )
    color = forms.CharField(
        max_length=7, required=False, widget=COLOR_INPUT, help_text="A hex color such as #1f6feb, or empty."
    )

    def __init__(self, field: FacetField, *args, value: FacetValue | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = FacetValue.objects.filter(field=field).order_by("position", "name")
        if value is not None:  # not itself, not below itself
            below = {value.pk}
            for node in selectors.flat_tree(field):
                if node.value.parent_id in below:
                    below.add(node.value.pk)
            parents = parents.exclude(pk__in=below)
        self.fields["parent"].queryset = parents

    @classmethod
    def for_value(cls, value: FacetValue, data=None):
        return cls(
            value.field,
            data,
            value=value,
            initial={
                "name": value.name,
                "slug": value.slug,
                "parent": value.parent_id,
                "position": value.position,
                "color": value.color,
            },
        )


def _choices(field: FacetField) -> list[tuple[str, str]]:
    return [(str(node.value.pk), "— " * node.depth + node.value.name) for node in selectors.flat_tree(field)]


class AssetFacetsForm(forms.Form):
    """One input per facet field (automatic ones aside): a select for single-select fields, checkboxes for
    multi-select ones. Field names are `facet-<slug>`."""

    def __init__(self, asset, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asset = asset
        current = {}
        for row in selectors.asset_facet_rows(asset):
            current[row.field.slug] = [str(v.pk) for v in row.values]
        self.facet_fields = [f for f in selectors.facet_fields() if f.slug not in AUTOMATIC_FIELDS]
        for f in self.facet_fields:
            label = f"{f.name}{' (required)' if f.is_required_for(asset.asset_type) else ''}"
            if f.multi_select:
                field = forms.MultipleChoiceField(
                    choices=_choices(f),
                    required=False,
                    label=label,
                    widget=forms.CheckboxSelectMultiple(attrs={"class": "facet-checks"}),
                    initial=current.get(f.slug, []),
                    help_text=f.description,
                )
            else:
                field = forms.ChoiceField(
                    choices=[("", "—")] + _choices(f),
                    required=False,
                    label=label,
                    initial=(current.get(f.slug) or [""])[0],
                    help_text=f.description,
                )
            self.fields[f"facet-{f.slug}"] = field

    def values_by_field(self) -> dict[str, list[str]]:
        by_pk = {str(v.pk): v for f in self.facet_fields for v in f.values.all()}
        out = {}
        for f in self.facet_fields:
            chosen = self.cleaned_data.get(f"facet-{f.slug}") or []
            chosen = [chosen] if isinstance(chosen, str) else chosen
            out[f.slug] = [by_pk[pk].slug for pk in chosen if pk in by_pk]
        return out

    def save(self, actor) -> dict[str, list[str]]:
        return services.set_asset_facets(actor, self.asset, self.values_by_field())


class SmartRuleForm(forms.Form):
    """A collection's mode (manual or smart) and its rule: facet values (one checkbox list per facet field),
    tags, asset types and words."""

    mode = forms.ChoiceField(
        choices=[
            ("manual", "Manual: assets are filed by hand"),
            ("smart", "Smart: assets matching the rule are filed automatically"),
        ],
        widget=forms.RadioSelect,
        initial="manual",
    )
    tags = forms.CharField(required=False, max_length=1000, help_text="Any of these tags (comma-separated).")
    asset_types = forms.MultipleChoiceField(
        choices=AssetType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "facet-checks"}),
        label="Asset types",
        help_text="Any of these types.",
    )
    text = forms.CharField(
        required=False,
        max_length=200,
        label="Words",
        help_text="Every word must appear in the title, description, tags or text.",
    )
    include_archived = forms.BooleanField(required=False, label="Include archived assets")

    def __init__(self, *args, rule=None, **kwargs):
        super().__init__(*args, **kwargs)
        query = rule.query if rule else {}
        chosen = set(query.get("values") or [])
        self.facet_fields = [f for f in selectors.facet_fields() if f.values.all()]
        for f in self.facet_fields:
            self.fields[f"facet-{f.slug}"] = forms.MultipleChoiceField(
                choices=_choices(f),
                required=False,
                label=f.name,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "facet-checks"}),
                initial=[str(v.pk) for v in f.values.all() if v.pk in chosen],
                help_text="Any of these (a value includes the values below it).",
            )
        if rule is not None and not self.is_bound:
            self.initial.update(
                mode="smart",
                tags=", ".join(query.get("tags") or []),
                asset_types=query.get("asset_types") or [],
                text=query.get("text") or "",
                include_archived=rule.include_archived,
            )

    def facet_bound_fields(self):
        return [self[f"facet-{f.slug}"] for f in self.facet_fields]

    def query(self) -> dict:
        data = self.cleaned_data
        values = [int(pk) for f in self.facet_fields for pk in data.get(f"facet-{f.slug}") or []]
        tags = [t.strip() for t in (data.get("tags") or "").split(",") if t.strip()]
        return {
            "values": values,
            "tags": tags,
            "asset_types": data.get("asset_types") or [],
            "text": data.get("text") or "",
        }
