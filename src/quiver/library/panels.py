"""Panels other apps add to the asset page (the Wagtail "hooks" habit), so no app edits asset_detail.html.

    from quiver.library.panels import Panel, register
    register(Panel("suggestions", "categorize/panels/suggestions.html", suggestions_context, slot="side", order=20))

`context(request, asset)` returns a dict given to the template as `panel`, or None to hide the panel. It must
apply permissions itself (the page is shown to every role that can see the asset). Slots: `banner` (top of the
main column: warnings such as expired or "looks like a duplicate"), `main` (below versions), `side` (the aside).
"""

from collections.abc import Callable
from dataclasses import dataclass

SLOTS = ("banner", "main", "side")


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable
    slot: str = "side"
    order: int = 50


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    if panel.slot not in SLOTS:
        raise ValueError(f"unknown panel slot {panel.slot!r}")
    _panels[panel.name] = panel


def for_asset(request, asset) -> dict[str, list[dict]]:
    """{slot: [{"name", "template", "panel": context}]} for the panels that show on this asset."""
    out: dict[str, list[dict]] = {slot: [] for slot in SLOTS}
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name)):
        ctx = panel.context(request, asset)
        if ctx is not None:
            out[panel.slot].append({"name": panel.name, "template": panel.template, "panel": ctx})
    return out
