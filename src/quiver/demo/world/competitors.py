"""The vendor's rivals: positioning, strengths and weaknesses, traps to set, their claims and our answers."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Competitor:
    key: str
    name: str
    positioning: str
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    traps: tuple[str, ...]  # questions to set early in the deal
    pricing: str
    claims: tuple[tuple[str, str], ...] = field(default=())  # (their claim, our response)


COMPETITORS = (
    Competitor(
        "vantorix",
        "Vantorix",
        "a legacy enterprise suite with a large installed base",
        ("long customer list in large enterprises", "broad suite breadth", "strong relationships with CFOs"),
        (
            "implementations that take 9 to 18 months",
            "dated user interface",
            "costly professional services",
            "upgrades that require re-implementation",
        ),
        (
            "Ask how many months their last three customers needed to go live.",
            "Ask for the total services cost, not only the licence.",
            "Ask to see the product running on the customer's own data in the evaluation.",
        ),
        "multi-year licence plus mandatory services packages",
        (
            (
                "One suite for everything",
                "Breadth means every module is average; customers keep spreadsheets "
                "around it. Ask their references what they still do in Excel.",
            ),
        ),
    ),
    Competitor(
        "keystream",
        "Keystream",
        "a fast-growing cloud point solution",
        ("modern interface", "aggressive discounting", "quick to demo"),
        (
            "thin coverage for multi-entity and regulated customers",
            "few pre-built connectors",
            "support only in business hours",
            "no customer-managed keys",
        ),
        (
            "Bring multi-entity and multi-currency scenarios into the demo script.",
            "Ask for their SOC 2 Type II report and the list of sub-processors.",
            "Ask which connectors are maintained by them and which by partners.",
        ),
        "per-seat subscription with steep first-year discounts",
        (("We are cheaper", "The first year is; check the renewal uplift cap and what is charged as an add-on."),),
    ),
    Competitor(
        "obelisk",
        "Obelisk Analytics",
        "a BI tool stretching into operations",
        ("popular with analysts", "good visualisations", "large community"),
        (
            "no workflow or alert routing to owners",
            "governance left to the customer",
            "costs grow with every viewer",
            "slow on large live data",
        ),
        (
            "Ask how an alert reaches the person who must act on it.",
            "Ask how one metric definition is shared across teams.",
            "Price the rollout for every frontline manager, not only analysts.",
        ),
        "per-creator and per-viewer licences",
        (
            (
                "Everyone already knows our tool",
                "Analysts do; frontline managers need answers pushed to them, not another dashboard to open.",
            ),
        ),
    ),
    Competitor(
        "tessaro",
        "Tessaro",
        "an open-source-based platform sold with services",
        ("flexible and extensible", "low licence cost", "active developer community"),
        (
            "customers assemble and run it themselves",
            "security features sold separately",
            "no single owner for support",
            "hidden infrastructure and staffing costs",
        ),
        (
            "Ask who is paged at 2 a.m. when a workflow fails.",
            "Ask for a three-year total cost including infrastructure and staff.",
            "Ask which audit certifications cover the hosted offering.",
        ),
        "free core, paid enterprise add-ons and support",
        (("It is free", "The licence is; engineers to run it are not. Our TCO model shows the full picture."),),
    ),
)
