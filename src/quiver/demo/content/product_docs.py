"""Datasheets (PDF with specification tables) and pricing sheets (XLSX with tiers, add-ons and discounts)."""

from ..files import make_rich_pdf, make_xlsx
from ..phrases import VALUE_LINES, Writer
from ..spec import DemoAsset, slug, story_context
from ..world import INDUSTRIES, PRODUCTS, VENDOR, persona

SHEETS = {
    "Integrations": ("Connector", "Direction", "Sync", "Maintained by"),
    "Security": ("Control", "Detail"),
    "Deployment options": ("Option", "Detail"),
    "Support and SLA": ("Plan", "Response time (P1)", "Channels", "Uptime SLA"),
}


def _datasheet(w: Writer, prod, kind: str) -> DemoAsset:
    ctx = story_context(w, prod, w.pick(INDUSTRIES), persona(prod.buyer))
    title = f"{prod.name} datasheet" if kind == "Overview" else f"{prod.name} {kind.lower()} datasheet"
    intro = f"{prod.tagline} " + " ".join(w.lines(VALUE_LINES, ctx, 2))
    if kind == "Overview":
        table = [["Specification", "Detail"], *[list(s) for s in prod.specs]]
    elif kind == "Integrations":
        table = [
            list(SHEETS[kind]),
            *[
                [
                    name,
                    w.pick(("Read", "Write", "Read and write")),
                    w.pick(("Real time", "Every 5 minutes", "Hourly", "Nightly")),
                    w.pick((VENDOR, VENDOR, "Certified partner")),
                ]
                for name in prod.integrations
            ],
        ]
    elif kind == "Security":
        table = [
            list(SHEETS[kind]),
            ["Encryption", "AES-256 at rest, TLS 1.3 in transit"],
            ["Identity", "SAML 2.0, OIDC, SCIM 2.0, enforced MFA"],
            ["Audit", f"Every administrative action logged, kept {w.num(1, 7)} years"],
            ["Testing", f"External penetration test every {w.pick(('6', '12'))} months"],
            ["Certifications", dict(prod.specs).get("Certifications", "SOC 2 Type II")],
            ["Sub-processors", f"{w.num(4, 11)} listed on the trust center"],
        ]
    elif kind == "Deployment options":
        table = [
            list(SHEETS[kind]),
            ["SaaS", f"Hosted in {w.pick(('EU and US', 'EU, US and APAC'))} regions"],
            ["Dedicated", "Single-tenant environment, customer-managed keys"],
            ["Hybrid", "On-premises agent for systems behind the firewall"],
            ["Sandbox", f"{w.num(1, 3)} non-production environments included on Enterprise"],
        ]
    else:
        table = [
            list(SHEETS[kind]),
            ["Standard", f"{w.num(4, 8)} business hours", "Email, portal", "99.5%"],
            ["Premium", f"{w.num(1, 2)} hours, 24/7", "Email, portal, phone", "99.9%"],
            ["Mission critical", f"{w.num(15, 30)} minutes, 24/7", "Named engineer, phone", "99.95%"],
        ]
    caps = [c[0].upper() + c[1:] for c in prod.capabilities]
    pages = [
        [("h1", title), ("p", intro), ("h2", "Specifications"), ("table", table)],
        [("h2", "Capabilities"), ("ul", caps), ("h2", "Works with"), ("p", ", ".join(prod.integrations) + ".")],
    ]
    data = make_rich_pdf(pages, title=title, footer=f"{VENDOR} {prod.name} | specifications subject to change")
    text = "\n".join([title, intro, *(" ".join(r) for r in table), *caps])
    asset = DemoAsset(
        key=slug("datasheet", prod.key, kind),
        title=title,
        description=f"{kind} specifications of {prod.name} for technical evaluators.",
        asset_type="datasheet",
        filename=f"{slug(prod.name, kind, 'datasheet')}.pdf",
        data=data,
        text=text,
        collections=(f"Products/{prod.name}",),
        tags=(prod.name, "Datasheet", "Evaluation", "IT administrator"),
    )
    if kind == "Overview":  # the first version lacked the certifications row; the current one is `data`
        older = [[("h1", title), ("p", intro), ("h2", "Specifications"), ("table", table[:-1])], pages[1]]
        asset.data = make_rich_pdf(
            older, title=title, footer=f"{VENDOR} {prod.name} | specifications subject to change"
        )
        asset.revision = (data, asset.filename, "Added certifications after the annual audit")
    return asset


def _price_list(w: Writer, prod, variant: str, year: int) -> DemoAsset:
    currency, rate = ("EUR", 0.92) if variant == "EMEA" else ("USD", 1.0)
    base = prod.list_price * (0.85 if variant == "Public sector" else 1.0)
    tiers = [
        ("Starter", 0.55, 10, "Business hours", "Core features, 1 environment"),
        ("Professional", 1.0, 25, "Extended hours", "All features, 2 environments, SSO"),
        ("Enterprise", 1.6, 100, "24/7 premium", "Unlimited environments, customer-managed keys, SLA"),
    ]
    tier_rows = [
        [
            "Tier",
            f"Price per user per year ({currency})",
            "Minimum users",
            f"Annual minimum ({currency})",
            "Support",
            "Included",
        ]
    ]
    for name, factor, minimum, support, included in tiers:
        price = round(base * factor * rate / 5) * 5
        tier_rows.append([name, price, minimum, price * minimum, support, included])
    addons = [
        ["Add-on", f"Price per year ({currency})", "Notes"],
        ["Additional sandbox", round(w.num(40, 90) * 100 * rate), "Per environment"],
        ["Premium support upgrade", f"{w.num(12, 20)}% of subscription", "24/7, 1-hour P1 response"],
        ["Data residency (dedicated region)", round(w.num(150, 300) * 100 * rate), "EU or US"],
        ["Implementation quick-start", round(w.num(180, 450) * 100 * rate), "Fixed fee, 6 weeks"],
    ]
    discounts = [
        ["Users from", "Users to", "Discount"],
        [1, 99, "0%"],
        [100, 499, f"{w.num(8, 12)}%"],
        [500, 1999, f"{w.num(15, 20)}%"],
        [2000, "unlimited", f"{w.num(22, 30)}%"],
        ["Multi-year (3 years)", "", f"{w.num(5, 10)}% extra"],
    ]
    notes = [
        ["Note"],
        [f"Prices valid for orders signed between 1 January and 31 December {year}."],
        ["Discounts above the table need approval from the regional VP of Sales."],
        [f"Renewal uplift capped at {w.num(3, 7)}% per year."],
        ["Confidential: do not forward to customers."],
    ]
    title = f"{prod.name} price list {year}" + ("" if variant == "Standard" else f" ({variant})")
    data = make_xlsx({"Tiers": tier_rows, "Add-ons": addons, "Volume discounts": discounts, "Notes": notes})
    text = "\n".join(" ".join(str(c) for c in row) for sheet in (tier_rows, addons, discounts, notes) for row in sheet)
    return DemoAsset(
        key=slug("pricing", prod.key, variant, str(year)),
        title=title,
        description=f"{variant} list prices, add-ons and volume discounts for {prod.name} in {currency}.",
        asset_type="pricing_sheet",
        filename=f"{slug(prod.name, 'pricing', variant, str(year))}.xlsx",
        data=data,
        text=text,
        collections=("Pricing and proposals",),
        tags=(prod.name, "Pricing", "Negotiation", variant),
        team="product",
    )


def build(w: Writer, year: int) -> list[DemoAsset]:
    out = []
    for prod in PRODUCTS:
        out.append(_datasheet(w, prod, "Overview"))
        for kind in w.sample(list(SHEETS), 2):
            out.append(_datasheet(w, prod, kind))
    for prod in PRODUCTS:
        out.append(_price_list(w, prod, "Standard", year))
    for prod, variant in zip(w.sample(PRODUCTS, 3), ("EMEA", "Public sector", "Partner")):
        out.append(_price_list(w, prod, variant, year))
    for prod in w.sample(PRODUCTS, 3):
        out.append(_price_list(w, prod, "Standard", year - 1))
    return out
