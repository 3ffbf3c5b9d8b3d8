from django.conf import settings
from django.db import models
from django.utils.text import slugify


class Tag(models.Model):
    """A free tag: says what an asset contains."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100] or "tag"
        super().save(*args, **kwargs)


class TagSource(models.TextChoices):
    MANUAL = "manual", "Manual"
    AUTOMATIC = "automatic", "Automatic"
    RULE = "rule", "Rule"


class AssetTag(models.Model):
    """A tag on an asset, with who or what put it there (manual, a matching rule, the classifier)."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    source = models.CharField(max_length=16, choices=TagSource.choices, default=TagSource.MANUAL)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        db_table = "library_asset_tags"
        unique_together = [("asset", "tag")]  # the index of the former automatic table
