"""Forms of the categorization UI: queue filters, bulk retagging, matching rules, field thresholds."""

from django import forms
from django.core.exceptions import ValidationError

from quiver.taxonomy.models import FacetValue

from . import matching
from .models import MatchingAlgorithm, MatchingRule, SuggestionSource

MAX_BULK = 500


def _split_names(raw: str) -> list[str]:
    seen, out = set(), []
    for part in (raw or "").split(","):
        name = " ".join(part.split())[:80]
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="Asset title contains", required=False, max_length=200)
    field = forms.ChoiceField(label="Field", required=False)
    collection = forms.ModelChoiceField(
        label="Collection (and below)", queryset=None, required=False, empty_label="Any collection"
    )
    source = forms.ChoiceField(
        label="Source", required=False, choices=[("", "Any source")] + list(SuggestionSource.choices)
    )
    min_confidence = forms.IntegerField(label="Minimum confidence (%)", required=False, min_value=0, max_value=100)

    def __init__(self, *args, labels: dict[str, str], collections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "Any field")] + sorted(labels.items(), key=lambda kv: kv[0] != "tags")
        self.fields["collection"].queryset = collections

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {"field": data.get("field") or None, "source": data.get("source") or None, "q": data.get("q") or ""}
        if data.get("min_confidence") is not None:
            out["min_confidence"] = data["min_confidence"] / 100
        return out


class FacetValueChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.field.name}: {obj.name}"


class BulkEditForm(forms.Form):
    """What to change on the selected assets; `asset` carries the selection (ids; the service filters them)."""

    asset = forms.TypedMultipleChoiceField(coerce=int, required=False)
    add_tags = forms.CharField(
        label="Add tags", required=False, max_length=1000, help_text="Comma-separated; new tags are created."
    )
    remove_tags = forms.CharField(label="Remove tags", required=False, max_length=1000, help_text="Comma-separated.")
    add_values = FacetValueChoices(label="Add facet values", queryset=None, required=False)
    remove_values = FacetValueChoices(label="Remove facet values", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        values = FacetValue.objects.select_related("field").order_by(
            "field__position", "field__name", "position", "name"
        )
        self.fields["add_values"].queryset = values
        self.fields["remove_values"].queryset = values
        self.fields["asset"].choices = (
            [(v, v) for v in self.data.getlist("asset")] if hasattr(self.data, "getlist") else []
        )

    def clean_asset(self):
        ids = list(dict.fromkeys(self.cleaned_data.get("asset") or []))
        if not ids:
            raise ValidationError("Select at least one asset.")
        if len(ids) > MAX_BULK:
            raise ValidationError(f"At most {MAX_BULK} assets at once.")
        return ids

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("add_tags", "remove_tags", "add_values", "remove_values")):
            raise ValidationError("Choose tags or facet values to add or remove.")
        return data

    def changes(self) -> dict:
        """Keyword arguments of services.bulk_edit."""
        data = self.cleaned_data

        def by_field(values):
            out: dict[str, list[str]] = {}
            for v in values or []:
                out.setdefault(v.field.slug, []).append(v.name)
            return out

        return {
            "add_tags": _split_names(data.get("add_tags")),
            "remove_tags": _split_names(data.get("remove_tags")),
            "add_values": by_field(data.get("add_values")),
            "remove_values": by_field(data.get("remove_values")),
        }


class RuleForm(forms.ModelForm):
    class Meta:
        model = MatchingRule
        fields = ["algorithm", "pattern", "case_sensitive", "manual_only"]
        widgets = {"pattern": forms.Textarea(attrs={"rows": 3, "maxlength": matching.MAX_PATTERN_CHARS})}
        help_texts = {
            "pattern": 'Words separated by spaces ("quoted phrases" stay together), an exact phrase, a fuzzy '
            "phrase, or a regular expression (RE2: no back-references or look-around).",
        }

    def clean(self):
        data = super().clean()
        matching.validate(data.get("algorithm"), data.get("pattern") or "", bool(data.get("case_sensitive")))
        return data


class RuleTestForm(forms.Form):
    algorithm = forms.ChoiceField(choices=MatchingAlgorithm.choices)
    pattern = forms.CharField(required=False, max_length=matching.MAX_PATTERN_CHARS)
    case_sensitive = forms.BooleanField(required=False)
    text = forms.CharField(label="Text to test against", max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))

    def clean(self):
        data = super().clean()
        matching.validate(data.get("algorithm"), data.get("pattern") or "", bool(data.get("case_sensitive")))
        return data


class PolicyForm(forms.Form):
    """One field's thresholds, in percent."""

    auto = forms.IntegerField(
        min_value=0, max_value=101, label="Apply automatically at (%)", help_text="101 never applies automatically."
    )
    suggest = forms.IntegerField(min_value=0, max_value=100, label="Suggest at (%)")

    def clean(self):
        data = super().clean()
        if data.get("auto") is not None and data.get("suggest") is not None and data["suggest"] > data["auto"]:
            raise ValidationError("The suggestion threshold cannot be above the automatic one.")
        return data
