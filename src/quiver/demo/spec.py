"""What the demo generator produces: one `DemoAsset` per asset, plus the shared context of its story."""

from dataclasses import dataclass, field
from datetime import datetime

from .phrases import Writer
from .world import VENDOR, Competitor, Industry, Persona, Product, customer_names


@dataclass
class DemoAsset:
    key: str  # unique, stable slug
    title: str
    description: str
    asset_type: str  # an AssetType value
    filename: str = ""
    data: bytes | None = None
    link_url: str = ""
    collections: tuple[str, ...] = ()  # paths below the library root, e.g. "Products/Corvana Ledger"
    tags: tuple[str, ...] = ()
    team: str = "product"  # which marketing team produced it: product, competitive, content
    text: str = ""  # the plain text written into the file (for checks and descriptions)
    owner: str = ""  # username, set by the catalog
    status: str = "published"
    created_at: datetime | None = None
    revision: tuple[bytes, str, str] | None = None  # (data, filename, change note) of a second version
    extra: dict = field(default_factory=dict)


def metric_phrase(w: Writer, product: Product) -> str:
    what, unit, lo, hi = product.metric
    value = w.num(lo, hi)
    if unit == "days":
        return f"a {what} shortened from {value + w.num(4, 10)} to {value} days"
    if unit == "%":
        return f"{value} {what}"
    return f"{value} {what}"


def story_context(
    w: Writer,
    product: Product,
    industry: Industry,
    persona: Persona,
    customer: str = "",
    competitor: Competitor | None = None,
) -> dict:
    caps = w.sample(product.capabilities, 2)
    outs = w.sample(product.outcomes, 2)
    pain = w.pick(industry.pains)
    return {
        "vendor": VENDOR,
        "product": product.name,
        "industry": industry.name,
        "industry_lc": industry.name.lower(),
        "persona": persona.title,
        "pain": pain,
        "pain_cap": pain[0].upper() + pain[1:],
        "capability": caps[0],
        "capability2": caps[1],
        "outcome": outs[0],
        "outcome2": outs[1],
        "metric_phrase": metric_phrase(w, product),
        "customer": customer or w.pick(customer_names(industry)),
        "units": industry.units,
        "kpi": w.pick(industry.kpis),
        "integration": w.pick(product.integrations),
        "competitor": competitor.name if competitor else "the incumbent",
    }


def slug(*parts: str) -> str:
    text = "-".join(parts).lower()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")
