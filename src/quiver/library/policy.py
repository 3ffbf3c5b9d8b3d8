"""The one permission policy. Views, API, search, counts and exports all ask here.

Rules:
- An admin may do everything.
- Groups get `view` or `edit` grants on collections; a grant covers the collection and all below it.
- A user's role caps what grants give: viewers (sales) only ever view and download published assets;
  editors (marketing) create, edit, move and archive assets in collections they hold `edit` on.
- An asset in no collection is visible to admins, its owner and its creator only.

Role predicates (is_admin, is_editor) and the rules of the floors below the library (audit log, users, tokens)
are `quiver.core.policy`; this module builds on them and is the one the apps above the library ask.
"""

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet

from quiver.core.policy import cached, is_active, is_admin, is_editor

from .availability import restricts_download
from .models import Asset, AssetStatus, Collection, CollectionGrant, GrantLevel
from .providers import approval_policy_for


def _grant_paths(user, levels: list[str]) -> list[str]:
    """Read once per read-only request (quiver.core.policy.read_cache: a page asks the policy many times)."""
    return cached(
        ("grant_paths", user.pk, tuple(sorted(levels))),
        lambda: sorted(
            set(
                CollectionGrant.objects.filter(group__user=user, level__in=levels).values_list(
                    "collection__path", flat=True
                )
            )
        ),
    )


def _granted_collections(user, levels: list[str]) -> QuerySet:
    paths = _grant_paths(user, levels)
    if not paths:
        return Collection.objects.none()
    return Collection.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))


def viewable_collections(user) -> QuerySet:
    if is_admin(user):
        return Collection.objects.all()
    if not is_active(user):
        return Collection.objects.none()
    return _granted_collections(user, [GrantLevel.VIEW, GrantLevel.EDIT])


def editable_collections(user) -> QuerySet:
    if is_admin(user):
        return Collection.objects.all()
    if not is_editor(user):
        return Collection.objects.none()
    return _granted_collections(user, [GrantLevel.EDIT])


def _in_collections(collections: QuerySet):
    through = Asset.collections.through
    return Exists(through.objects.filter(asset_id=OuterRef("pk"), collection_id__in=collections.values("pk")))


def visible_assets(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Asset.objects.all() if queryset is None else queryset
    # Lifecycle: the trash (admins reach it through lifecycle.selectors.trashed_assets) and merged duplicates
    # (their URL redirects to the twin) are out of every listing, page, count and search, for everyone.
    qs = qs.filter(deleted_at__isnull=True, merged_into__isnull=True)
    if is_admin(user):
        return qs
    if not is_active(user):
        return qs.none()
    in_viewable = _in_collections(viewable_collections(user))
    if is_editor(user):
        return qs.filter(in_viewable | Q(owner=user) | Q(created_by=user))
    return qs.filter(in_viewable, status=AssetStatus.PUBLISHED)


def can_view_asset(user, asset: Asset) -> bool:
    return visible_assets(user, Asset.objects.filter(pk=asset.pk)).exists()


def can_download(user, asset: Asset) -> bool:
    """Expired and internal-only assets: only those who may edit them download them (viewers read, no more);
    `quiver.library.availability.download_refusal` says why to the others."""
    if not can_view_asset(user, asset):
        return False
    return not restricts_download(asset) or can_edit_asset(user, asset)


def can_share(user, asset: Asset) -> bool:
    """Sending the asset outside (share links, attachments): the same rule as downloading."""
    return can_download(user, asset)


def can_create_assets(user) -> bool:
    return is_admin(user) or is_editor(user)


def can_edit_asset(user, asset: Asset) -> bool:
    if is_admin(user):
        return True
    if not is_editor(user):
        return False
    collection_ids = list(asset.collections.values_list("pk", flat=True))
    if not collection_ids:
        return user.pk in (asset.owner_id, asset.created_by_id)
    return editable_collections(user).filter(pk__in=collection_ids).exists()


def editable_assets(user, queryset: QuerySet | None = None) -> QuerySet:
    """The assets `user` may edit: the queryset form of `can_edit_asset` (one query for a whole listing).
    Trashed assets and merged duplicates are left out (bulk changes never reach them)."""
    qs = Asset.objects.all() if queryset is None else queryset
    qs = qs.filter(deleted_at__isnull=True, merged_into__isnull=True)
    if is_admin(user):
        return qs
    if not is_editor(user):
        return qs.none()
    in_any = Exists(Asset.collections.through.objects.filter(asset_id=OuterRef("pk")))
    return qs.filter(_in_collections(editable_collections(user)) | (~in_any & (Q(owner=user) | Q(created_by=user))))


def can_add_to_collection(user, collection: Collection) -> bool:
    return editable_collections(user).filter(pk=collection.pk).exists()


def can_set_collections(user, asset: Asset | None, new_ids: set[int]) -> bool:
    """Moving: every collection added or removed must be editable by the user."""
    old_ids = set(asset.collections.values_list("pk", flat=True)) if asset and asset.pk else set()
    changed = old_ids ^ set(new_ids)
    if not changed:
        return True
    return editable_collections(user).filter(pk__in=changed).count() == len(changed)


def can_manage_collection(user, parent: Collection | None) -> bool:
    """Create, rename or move collections below `parent` (top-level collections: admins only)."""
    if parent is None:
        return is_admin(user)
    return can_add_to_collection(user, parent)


def can_manage_grants(user) -> bool:
    """Which groups view or edit which collections: admins."""
    return is_admin(user)


def can_view_usage(user) -> bool:
    """Who viewed, previewed and downloaded what: admins."""
    return is_admin(user)


def can_manage_taxonomy(user) -> bool:
    """Create and change facet fields and their values: admins."""
    return is_admin(user)


def can_edit_smart_rule(user, collection: Collection) -> bool:
    """Make a collection smart or change its rule: whoever may add assets to it (editors with edit rights)."""
    return can_add_to_collection(user, collection)


# --- lifecycle (issue 5): the rules; approver groups and cadences live in quiver.lifecycle ----------------------


def can_submit_for_review(user, asset: Asset) -> bool:
    return can_edit_asset(user, asset)


def can_decide_review(user, asset: Asset, submitted_by_id: int | None = None) -> bool:
    """Approve or reject: admins; editors in the approver group of the asset's approval policy (the nearest
    collection up the tree, else the default); with no policy at all, editors who may edit the asset. The
    submitter does not approve their own request unless the policy allows it. Viewers never."""
    if is_admin(user):
        return True
    if not is_editor(user) or not can_view_asset(user, asset):
        return False
    found = approval_policy_for(asset)
    group_ids = set(user.groups.values_list("pk", flat=True)) if found else set()
    return approver_rule(
        user, submitted_by_id, found, group_ids, may_edit=found is None and can_edit_asset(user, asset)
    )


def approver_rule(user, submitted_by_id, approval_policy, group_ids, *, may_edit: bool) -> bool:
    """The approver rule for an editor who can see the asset (pure: lists pass what they preloaded)."""
    if approval_policy is None:
        allowed, self_ok = may_edit, False
    else:
        allowed, self_ok = approval_policy.approvers_id in group_ids, approval_policy.allow_self_approval
    return allowed and (self_ok or submitted_by_id is None or submitted_by_id != user.pk)


def can_publish_directly(user, asset: Asset) -> bool:
    """Publish a draft without a review: when no approval policy covers the asset (the default), its approvers,
    admins, and the system itself (user None)."""
    if user is None or is_admin(user):
        return True
    found = approval_policy_for(asset)
    return found is None or (is_active(user) and user.groups.filter(pk=found.approvers_id).exists())


def can_manage_lifecycle(user, asset: Asset) -> bool:
    """Schedule, expiry and replacement, internal-only flag, owner and verifier."""
    return can_edit_asset(user, asset)


def can_verify(user, asset: Asset) -> bool:
    """Confirm an asset is still right: whoever may edit it, and its named verifier (whatever their role)."""
    if can_edit_asset(user, asset):
        return True
    return is_active(user) and asset.verifier_id == user.pk and can_view_asset(user, asset)


def can_manage_lifecycle_rules(user) -> bool:
    """Approval policies (who approves where) and review cadences: admins."""
    return is_admin(user)


def can_trash(user) -> bool:
    """Delete (to the trash), see the trash, restore from it: admins only."""
    return is_admin(user)


def can_merge(user, duplicate: Asset, twin: Asset) -> bool:
    return can_edit_asset(user, duplicate) and can_edit_asset(user, twin)


def can_review(user) -> bool:
    """Review queue and review sessions (marketing work): editors and admins; what each may review is
    `editable_assets` of what they see."""
    return is_admin(user) or is_editor(user)


# --- notifications (issue 5 §4) ---------------------------------------------------------------------------------


def can_manage_webhooks(user) -> bool:
    """Webhook endpoints, their secrets and the delivery log (payloads name assets): admins only."""
    return is_admin(user)


# --- automatic categorization (issue 4) -------------------------------------------------------------------------


def can_manage_matching_rules(user) -> bool:
    """Read and change matching rules, apply them in bulk, see the training status: editors and admins."""
    return is_admin(user) or is_editor(user)


# --- secondary objects: what hangs off assets (bulk runs, review sessions, approvals, analytics) ----------------
# Each takes the object duck-typed (its owner's id), so the policy imports no feature app.


def can_view_bulk_run(user, run) -> bool:
    """A bulk run of matching rules (its progress and result): who started it, and admins."""
    return is_admin(user) or (is_active(user) and run.started_by_id == user.pk)


def visible_bulk_runs(user, queryset: QuerySet) -> QuerySet:
    """The queryset form of `can_view_bulk_run`."""
    if is_admin(user):
        return queryset
    return queryset.filter(started_by=user) if is_active(user) else queryset.none()


def visible_review_sessions(user, queryset: QuerySet) -> QuerySet:
    """Review sessions a user may browse: their own; admins see everyone's."""
    if is_admin(user):
        return queryset
    return queryset.filter(user=user) if is_active(user) else queryset.none()


def can_work_in_session(user, session) -> bool:
    """Walk, act, pause or finish a review session: only who started it (admins browse, they do not work in it)."""
    return is_active(user) and session.user_id == user.pk


def has_approvals_inbox(user) -> bool:
    """An approvals inbox (pending requests they may decide; each one still through `can_decide_review`):
    editors and admins."""
    return is_admin(user) or is_editor(user)


def can_view_search_analytics(user) -> bool:
    """What people search for and do not find: admins."""
    return is_admin(user)
