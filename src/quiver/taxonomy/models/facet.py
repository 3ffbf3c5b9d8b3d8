"""Facet fields (controlled vocabularies such as Product or Industry) and their values."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify

from quiver.library.models import AssetType

validate_color = RegexValidator(r"^#[0-9a-fA-F]{6}$", "A color is a hex code such as #1f6feb.")


def _slug(text: str, fallback: str) -> str:
    return slugify(text)[:80] or fallback


class FacetField(models.Model):
    """One facet: a named, ordered list of values; single-select fields take at most one value per asset."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    multi_select = models.BooleanField(default=True, help_text="Several values per asset (else at most one).")
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first.")
    description = models.TextField(blank=True)
    required_for = models.JSONField(
        default=list, blank=True, help_text="Asset types (library AssetType values) that must have a value."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not isinstance(self.required_for, list):
            raise ValidationError({"required_for": "A list of asset types."})
        unknown = sorted(set(map(str, self.required_for)) - set(AssetType.values))
        if unknown:
            raise ValidationError({"required_for": f"Unknown asset types: {', '.join(unknown)}."})
        self.required_for = sorted(set(self.required_for), key=AssetType.values.index)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _slug(self.name, "facet")
        super().save(*args, **kwargs)

    def is_required_for(self, asset_type: str) -> bool:
        return asset_type in (self.required_for or [])


class FacetValue(models.Model):
    """A value of a facet field; `parent` (a value of the same field) makes an optional hierarchy."""

    field = models.ForeignKey(FacetField, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    position = models.PositiveIntegerField(default=0)
    color = models.CharField(max_length=7, blank=True, validators=[validate_color])

    class Meta:
        ordering = ["field__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["field", "slug"], name="unique_facet_value_slug"),
            models.UniqueConstraint(fields=["field", "name"], name="unique_facet_value_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.field_id != self.field_id:
            raise ValidationError({"parent": "The parent must be a value of the same facet."})
        node, seen = self.parent, set()
        while node is not None:  # no cycles: the value may not sit below itself
            if node.pk == self.pk and self.pk is not None or node.pk in seen:
                raise ValidationError({"parent": "A value cannot be placed below itself."})
            seen.add(node.pk)
            node = node.parent

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _slug(self.name, "value")
        super().save(*args, **kwargs)
