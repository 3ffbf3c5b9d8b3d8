"""Near-duplicates: an open similarity.DuplicateFlag names the asset as the duplicate of a twin (nothing is flagged
until the similarity app has that model)."""

from django.apps import apps
from django.db.models import Exists, OuterRef, Subquery

from .base import Context, Signal


def flag_model():
    try:
        return apps.get_model("similarity", "DuplicateFlag")
    except LookupError:
        return None


class NearDuplicates(Signal):
    key = "duplicates"
    label = "Near-duplicate"
    description = "It looks like another asset: merge it into its twin or dismiss the flag."
    fields = ("twin_title", "twin_kind", "twin_score")

    def available(self) -> bool:
        return flag_model() is not None

    def flag(self, assets, ctx: Context):
        flags = flag_model().objects.filter(asset_id=OuterRef("pk"), status="open").order_by("-score", "-pk")
        return assets.filter(Exists(flags)).annotate(
            twin_title=Subquery(flags.values("twin__title")[:1]),
            twin_kind=Subquery(flags.values("kind")[:1]),
            twin_score=Subquery(flags.values("score")[:1]))

    def describe(self, row, ctx):
        if row.get("twin_kind") == "exact":
            return f"Same file as “{row['twin_title']}”"
        score = row.get("twin_score")
        percent = float(score) * 100 if score is not None and float(score) <= 1 else score
        similar = f" ({round(percent)}% similar)" if percent is not None else ""
        return f"Near-duplicate of “{row['twin_title']}”{similar}"
