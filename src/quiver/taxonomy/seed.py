"""The seeded taxonomy (loaded by migration 0002). Pure data plus one function that takes the model classes,
so the migration can pass its historical models. Product and Competitor start empty: they are specific to each
company (the demo library fills them)."""

from django.utils.text import slugify

# Asset type values mirror library.models.AssetType (slug = the AssetType value); the facet is kept in sync with
# Asset.asset_type automatically (see taxonomy.services.sync_automatic_facets).
ASSET_TYPES = [
    ("deck", "Presentation deck", "#1f6feb"),
    ("case_study", "Case study", "#1a7f37"),
    ("one_pager", "One-pager", "#0969da"),
    ("battlecard", "Battlecard", "#cf222e"),
    ("datasheet", "Datasheet", "#8250df"),
    ("whitepaper", "Whitepaper", "#6e7781"),
    ("pricing_sheet", "Pricing sheet", "#bf8700"),
    ("email_template", "Email template", "#0a7ea4"),
    ("video", "Video", "#d1242f"),
    ("image", "Image", "#e16f24"),
    ("link", "Web link", "#57606a"),
    ("document", "Document", "#424a53"),
    ("spreadsheet", "Spreadsheet", "#116329"),
    ("other", "Other", "#8c959f"),
]
LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("ja", "Japanese"),
    ("zh", "Chinese"),
]
STAGE_COLORS = ["#54aeff", "#218bff", "#0969da", "#8250df", "#bf8700", "#1a7f37", "#116329"]
STAGES = ["Prospecting", "Discovery", "Evaluation", "Proposal", "Negotiation", "Closing", "Expansion"]

# Required facets per asset type (AssetType values).
SALES_MATERIAL = ["deck", "case_study", "one_pager", "battlecard", "datasheet", "pricing_sheet"]

FIELDS = [
    # (name, slug, multi_select, description, required_for, values)
    (
        "Asset type",
        "asset-type",
        False,
        "What kind of asset it is; follows the asset's type.",
        [],
        [(name, slug, color, None) for slug, name, color in ASSET_TYPES],
    ),
    (
        "Topic",
        "topic",
        True,
        "What the asset is about.",
        [],
        [
            (n, None, "", None)
            for n in (
                "ROI",
                "Security",
                "Compliance",
                "AI",
                "Migration",
                "Integration",
                "Total cost of ownership",
                "Implementation",
                "Adoption",
                "Executive briefing",
                "Pricing",
                "Product overview",
                "Training",
            )
        ],
    ),
    ("Product", "product", True, "The products the asset covers.", SALES_MATERIAL + ["email_template"], []),
    (
        "Industry",
        "industry",
        True,
        "The markets the asset speaks to.",
        ["case_study"],
        [
            (n, None, "", None)
            for n in (
                "Financial services",
                "Healthcare",
                "Retail",
                "Manufacturing",
                "Public sector",
                "Energy and utilities",
                "Technology",
                "Telecommunications",
                "Education",
                "Professional services",
            )
        ],
    ),
    (
        "Persona",
        "persona",
        True,
        "Who the asset is written for.",
        [],
        [
            (n, None, "", None)
            for n in (
                "CEO",
                "CFO",
                "CIO",
                "COO",
                "CISO",
                "CMO",
                "VP Sales",
                "Controller",
                "IT administrator",
                "Procurement",
            )
        ],
    ),
    (
        "Sales stage",
        "sales-stage",
        True,
        "When in the deal the asset helps.",
        ["deck", "email_template"],
        [(n, None, c, None) for n, c in zip(STAGES, STAGE_COLORS)],
    ),
    (
        "Region",
        "region",
        True,
        "Where the asset may be used.",
        [],
        [
            ("Global", None, "", None),
            ("Americas", None, "", None),
            ("North America", None, "", "Americas"),
            ("Canada", None, "", "Americas"),
            ("Latin America", None, "", "Americas"),
            ("EMEA", None, "", None),
            ("United Kingdom", None, "", "EMEA"),
            ("DACH", None, "", "EMEA"),
            ("France", None, "", "EMEA"),
            ("Benelux", None, "", "EMEA"),
            ("Nordics", None, "", "EMEA"),
            ("Iberia", None, "", "EMEA"),
            ("Middle East and Africa", None, "", "EMEA"),
            ("APAC", None, "", None),
            ("Australia and New Zealand", None, "", "APAC"),
            ("Japan", None, "", "APAC"),
            ("Southeast Asia", None, "", "APAC"),
            ("India", None, "", "APAC"),
        ],
    ),
    ("Competitor", "competitor", True, "Competitors the asset positions against.", ["battlecard"], []),
    (
        "Language",
        "language",
        False,
        "The language of the asset; follows the asset's language code.",
        [],
        [(name, code, "", None) for code, name in LANGUAGES],
    ),
]


def seed(FacetField, FacetValue) -> None:
    """Create the seeded fields and values that do not exist yet (by slug); never changes existing ones."""
    for position, (name, slug, multi, description, required, values) in enumerate(FIELDS, 1):
        field, created = FacetField.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "multi_select": multi,
                "position": position * 10,
                "description": description,
                "required_for": required,
            },
        )
        by_name = {v.name: v for v in FacetValue.objects.filter(field=field)}
        for index, (value_name, value_slug, color, parent) in enumerate(values, 1):
            if value_name in by_name:
                continue
            by_name[value_name] = FacetValue.objects.create(
                field=field,
                name=value_name,
                slug=value_slug or slugify(value_name)[:120],
                color=color,
                position=index * 10,
                parent=by_name.get(parent) if parent else None,
            )
