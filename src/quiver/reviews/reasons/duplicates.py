"""Near-duplicates: an open similarity.DuplicateFlag names the asset as the duplicate of a live twin. As in
quiver.similarity, a twin the reviewer may not see is never named nor counted: the flag does not exist for them."""

from django.db.models import Exists, OuterRef, Subquery

from quiver.library import policy
from quiver.similarity.models import DuplicateFlag

from .base import Context, Signal


def open_flags(ctx: Context):
    flags = DuplicateFlag.objects.filter(status="open", twin__deleted_at__isnull=True, twin__merged_into__isnull=True)
    if ctx.user is not None and not policy.is_admin(ctx.user):
        flags = flags.filter(twin_id__in=policy.visible_assets(ctx.user).values("pk"))
    return flags


class NearDuplicates(Signal):
    key = "duplicates"
    label = "Near-duplicate"
    description = "It looks like another asset: merge it into its twin or keep both."
    fields = ("twin_title", "twin_kind", "twin_score")

    def flag(self, assets, ctx: Context):
        flags = open_flags(ctx).filter(asset_id=OuterRef("pk")).order_by("-score", "-pk")
        return assets.filter(Exists(flags)).annotate(
            twin_title=Subquery(flags.values("twin__title")[:1]),
            twin_kind=Subquery(flags.values("kind")[:1]),
            twin_score=Subquery(flags.values("score")[:1]),
        )

    def describe(self, row, ctx):
        if row.get("twin_kind") == "exact":
            return f"Same file as “{row['twin_title']}”"
        score = row.get("twin_score")
        percent = float(score) * 100 if score is not None and float(score) <= 1 else score
        similar = f" ({round(percent)}% similar)" if percent is not None else ""
        return f"Near-duplicate of “{row['twin_title']}”{similar}"
