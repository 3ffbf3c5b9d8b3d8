"""What the library asks of the apps above it (see quiver.core.providers): each is answered by the app named,
from its AppConfig.ready(); unanswered (that app not installed), the library's own default holds."""

from django.core.exceptions import ValidationError

from quiver.core.providers import Provider


def _no_facets(user, asset, values_by_field):
    raise ValidationError("Facets are not available (the taxonomy app is not installed).")


# The approval policy covering an asset (the nearest up its collection tree, else the default), or None.
# Answered by quiver.lifecycle (lifecycle.selectors.approval_policy_for); no lifecycle: no approval policies.
approval_policy_for = Provider("approval_policy_for", default=lambda asset, policies=None: None)
# A draft goes to review: submit_for_review(user, asset, comment); and its pending request is closed when the asset
# leaves review another way: withdraw_pending(actor, asset, reason). Answered by quiver.lifecycle.services.approval.
submit_for_review = Provider("submit_for_review", default=lambda user, asset, comment="": None)
withdraw_pending = Provider("withdraw_pending", default=lambda actor, asset, reason: None)
# The surviving twin of a merged duplicate, when the user may see it: merge_target(user, asset_id), else None; and
# trash(user, asset). Answered by quiver.lifecycle (selectors.merge_target, services.trash).
merge_target = Provider("merge_target", default=lambda user, asset_id: None)
trash = Provider("trash", default=lambda user, asset: None)
# A stored version is processed (text, pages, previews): process_version(version_id), enqueued on commit.
# Answered by quiver.ingest (tasks.process_version.enqueue).
process_version = Provider("process_version", default=lambda version_id: None)
# A view, preview, download or opened link is recorded: record_usage(user, asset, kind, version=, page=, via=),
# kind one of "view", "preview", "download", "open_link". Answered by quiver.insights (services.record_usage).
record_usage = Provider("record_usage", default=lambda user, asset, kind, **where: None)
# The assets filed in a collection: collection_members(collection) -> Asset queryset. The library knows the ones
# filed by hand; quiver.taxonomy answers with those plus the ones its smart rule matched (selectors.collection_members).
collection_members = Provider("collection_members", default=lambda collection: collection.assets.all())
# Facet values of assets, for the API: facet_maps(asset_ids) -> {asset id: {field slug: [value names]}}, and
# set_facets(user, asset, {field: [values]}). Answered by quiver.taxonomy (selectors.asset_facet_maps,
# services.set_asset_facets); without it assets have no facets.
facet_maps = Provider("facet_maps", default=lambda asset_ids: {pk: {} for pk in asset_ids})
set_facets = Provider("set_facets", default=_no_facets)
# Right after an upload: other visible assets holding the very same file, upload_hints(user, asset) -> [{...}].
# Answered by quiver.similarity (selectors.upload_hints).
upload_hints = Provider("upload_hints", default=lambda user, asset: [])
