from django.contrib.auth.models import Group
from django.db import models


class Collection(models.Model):
    """A folder in the library tree: says where an asset is used. `path` is materialized ("/1/4/9/")."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unique_collection_name_per_parent")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path, self.depth = path, path.count("/") - 2
            Collection.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        return Collection.objects.filter(pk__in=ids[:-1]).order_by("depth")

    def descendants(self, include_self: bool = True):
        qs = Collection.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)


class GrantLevel(models.TextChoices):
    VIEW = "view", "View and download"
    EDIT = "edit", "Add, edit, move and archive"


class CollectionGrant(models.Model):
    """A group's permission on a collection and everything below it (Wagtail's GroupCollectionPermission)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="grants")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="collection_grants")
    level = models.CharField(max_length=8, choices=GrantLevel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collection", "group", "level"], name="unique_grant")]

    def __str__(self):
        return f"{self.group} {self.level} {self.collection}"
