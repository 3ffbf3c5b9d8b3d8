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
