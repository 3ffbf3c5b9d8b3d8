from django.conf import settings
from django.db import models
from django.urls import reverse


class AssetType(models.TextChoices):
    DECK = "deck", "Presentation deck"
    CASE_STUDY = "case_study", "Case study"
    ONE_PAGER = "one_pager", "One-pager"
    BATTLECARD = "battlecard", "Battlecard"
    DATASHEET = "datasheet", "Datasheet"
    WHITEPAPER = "whitepaper", "Whitepaper"
    PRICING = "pricing_sheet", "Pricing sheet"
    EMAIL_TEMPLATE = "email_template", "Email template"
    VIDEO = "video", "Video"
    IMAGE = "image", "Image"
    LINK = "link", "Web link"
    DOCUMENT = "document", "Document"
    SPREADSHEET = "spreadsheet", "Spreadsheet"
    OTHER = "other", "Other"


class AssetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class AssetQuerySet(models.QuerySet):
    def visible_to(self, user):
        from quiver.library import policy

        return policy.visible_assets(user, self)

    def with_listing(self):
        """Listing-ready: what a card, a row or the API's JSON shows, in a fixed number of queries."""
        return self.select_related("owner", "current_version", "replaced_by").prefetch_related("tags", "collections")


class Asset(models.Model):
    """A sales asset. Its URL and history stay stable across versions."""

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    asset_type = models.CharField(max_length=32, choices=AssetType.choices, default=AssetType.DOCUMENT, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_assets",
        help_text="Who produced it",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=AssetStatus.choices, default=AssetStatus.PUBLISHED, db_index=True)
    language = models.CharField(max_length=16, blank=True, default="en")
    link_url = models.URLField(max_length=2000, blank=True)
    collections = models.ManyToManyField("library.Collection", blank=True, related_name="assets")
    tags = models.ManyToManyField("library.Tag", blank=True, related_name="assets", through="library.AssetTag")
    current_version = models.ForeignKey(
        "library.AssetVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(db_index=True)

    # Lifecycle (issue 5): behaviour lives in quiver.lifecycle.
    publish_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Scheduled publication (a draft approved for later)."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="After this, viewers can no longer download or share it."
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="What replaces it once expired or archived.",
    )
    internal_only = models.BooleanField(default=False, help_text="Internal only: viewers may read it, not download it.")
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verified_assets",
        help_text="Who confirms it is still right.",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_until = models.DateField(null=True, blank=True, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="In the trash since.")
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        help_text="A duplicate merged into its twin: its URL resolves there.",
    )

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:asset", args=[self.pk])

    @property
    def is_link(self) -> bool:
        return bool(self.link_url) and self.current_version_id is None

    @property
    def processing_status(self) -> str:
        """ready / processing / failed, from the current version (a web link is always ready)."""
        version = self.current_version
        return version.status if version else "ready"
