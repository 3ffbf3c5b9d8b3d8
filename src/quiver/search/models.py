"""Search analytics (append-only logs of searches and result clicks) and each user's saved searches."""

from django.conf import settings
from django.db import models

from quiver.core.models import AppendOnlyModel


class SearchLog(AppendOnlyModel):
    """One search as run (web page, instant results or API): what was asked and how many results it had."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    query = models.CharField(max_length=500, blank=True)
    normalized = models.CharField(max_length=500, blank=True, db_index=True)  # lower case, spaces collapsed
    filters = models.JSONField(default=dict, blank=True)  # {field: [values]} (scope included as "in")
    sort = models.CharField(max_length=16, default="relevance")
    page = models.PositiveIntegerField(default=1)
    result_count = models.PositiveIntegerField(default=0)
    via = models.CharField(max_length=8, default="web")  # web / api

    class Meta:
        ordering = ["-created_at", "-id"]


class SearchClick(AppendOnlyModel):
    """A result opened from a search: which asset, at which position of the result list (1-based)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    search = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    asset_id = models.BigIntegerField()  # the asset may be deleted later: the click stays
    position = models.PositiveIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)  # the page/slide the result pointed at

    class Meta:
        ordering = ["-created_at", "-id"]


class SavedSearch(models.Model):
    """A search a user keeps: its name and its query string (q, filters, sort, scope), run again by link."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=120)
    params = models.CharField(max_length=2000)  # the URL query string of /search/
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="unique_saved_search_name")]

    def __str__(self):
        return self.name


class PendingIndex(models.Model):
    """Assets changed since the index last saw them. Web processes add rows after commit; the worker's
    `update_index` takes them all at once, so a burst of uploads becomes a few large index commits instead of one
    commit per change (the embedded index pays ~40 ms per commit)."""

    asset_id = models.BigIntegerField(primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True)
