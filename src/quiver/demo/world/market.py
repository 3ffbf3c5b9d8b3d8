"""The markets the vendor sells into: industries (with their fictional customers) and buyer personas."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Industry:
    key: str
    name: str
    pains: tuple[str, ...]
    regulations: tuple[str, ...]
    kpis: tuple[str, ...]
    customer_words: tuple[tuple[str, ...], tuple[str, ...]]  # (first parts, second parts) of customer names
    units: str  # what a customer counts ("branches", "clinics"...)


@dataclass(frozen=True)
class Persona:
    key: str
    title: str
    cares_about: tuple[str, ...]
    objections: tuple[tuple[str, str], ...]  # (objection, answer)


INDUSTRIES = (
    Industry(
        "finance",
        "Financial services",
        (
            "regulators asking for faster and more detailed reporting",
            "legacy core systems that do not talk to each other",
            "margin pressure from digital-only challengers",
            "manual controls that do not scale with volume",
        ),
        ("SOX", "Basel III", "DORA", "PCI DSS"),
        ("cost-to-income ratio", "time to report", "audit findings"),
        (
            ("Harborview", "Meridian", "Kestrel", "Bluewater", "Sterling Oak", "Pinnacle"),
            ("Credit Union", "Trust Bank", "Capital", "Insurance Group", "Savings Bank", "Wealth Partners"),
        ),
        "branches",
    ),
    Industry(
        "healthcare",
        "Healthcare",
        (
            "clinician time lost to administrative work",
            "patient data spread across dozens of systems",
            "rising costs with flat reimbursement",
            "strict privacy duties over every record",
        ),
        ("HIPAA", "HITECH", "GDPR"),
        ("cost per patient day", "days in accounts receivable", "staff overtime"),
        (
            ("St. Aldric", "Brookfield", "Evergreen", "Lakeshore", "Northgate", "Willow Creek"),
            ("Health System", "Medical Group", "Children's Hospital", "Clinics", "Care Network", "Regional Hospital"),
        ),
        "hospitals",
    ),
    Industry(
        "retail",
        "Retail",
        (
            "thin margins and volatile demand",
            "stock in the wrong store at the wrong time",
            "a flood of data from e-commerce, stores and loyalty",
            "seasonal peaks that break manual processes",
        ),
        ("PCI DSS", "GDPR", "CCPA"),
        ("sell-through rate", "stock-outs", "gross margin return on inventory"),
        (
            ("Pinecrest", "Copperline", "Juniper", "Saltmarsh", "Redwood & Vale", "Fieldhouse"),
            ("Outfitters", "Market", "Home Goods", "Grocers", "Apparel", "Pharmacies"),
        ),
        "stores",
    ),
    Industry(
        "manufacturing",
        "Manufacturing",
        (
            "plant data locked in machines and spreadsheets",
            "supply chain disruptions",
            "quality issues found too late",
            "an ageing workforce taking knowledge with it",
        ),
        ("ISO 9001", "IATF 16949", "ITAR"),
        ("overall equipment effectiveness", "scrap rate", "on-time delivery"),
        (
            ("Ironbridge", "Calder", "Northstar", "Granite Peak", "Vector", "Tallis"),
            ("Components", "Industries", "Precision", "Plastics", "Motors", "Foods"),
        ),
        "plants",
    ),
    Industry(
        "public",
        "Public sector",
        (
            "budgets fixed years in advance",
            "citizens expecting digital services",
            "procurement rules that reward proven vendors",
            "records that must be kept and found for decades",
        ),
        ("FOIA", "state data residency rules", "accessibility standards"),
        ("cost per case", "backlog", "citizen satisfaction"),
        (
            (
                "City of Larkspur",
                "Westmoor County",
                "Port of Easthaven",
                "State of Norland",
                "Ashby Borough",
                "Riverton Transit",
            ),
            ("", "Department of Finance", "Health Services", "Public Works", "Authority", "Revenue Office"),
        ),
        "departments",
    ),
    Industry(
        "energy",
        "Energy and utilities",
        (
            "ageing infrastructure and field crews stretched thin",
            "volatile wholesale prices",
            "new reporting duties on emissions",
            "customer billing disputes",
        ),
        ("NERC CIP", "emissions disclosure rules", "rate case filings"),
        ("outage minutes", "cost to serve", "billing accuracy"),
        (
            ("Clearwater", "Summit Ridge", "Highplain", "Bayline", "Cinder Valley", "Solace"),
            ("Energy", "Power & Light", "Water", "Utilities", "Renewables", "Gas"),
        ),
        "service regions",
    ),
)


PERSONAS = (
    Persona(
        "cfo",
        "CFO",
        (
            "predictable cash and margins",
            "audit readiness",
            "cost of the finance function",
            "a business case with payback under a year",
        ),
        (
            (
                "We already have an ERP that does this.",
                "Your ERP records transactions; Corvana automates the work around them, the matching, approvals and "
                "evidence that still happens in spreadsheets.",
            ),
            (
                "The budget is frozen this year.",
                "Most customers fund the first phase from the overtime and audit fees it removes; the payback model "
                "shows month-by-month savings.",
            ),
        ),
    ),
    Persona(
        "cio",
        "CIO",
        (
            "fewer systems to maintain",
            "security and architecture standards",
            "delivery speed of IT",
            "vendor consolidation",
        ),
        (
            (
                "Another platform means another thing to maintain.",
                "Corvana is fully managed SaaS with upgrades included; customers typically retire two to four tools.",
            ),
            (
                "We can build this in-house.",
                "You can, but the connectors, monitoring and audit features represent years of work your team would "
                "then own forever.",
            ),
        ),
    ),
    Persona(
        "coo",
        "COO",
        ("operational efficiency", "service levels", "visibility across sites", "scalable processes"),
        (
            (
                "Our teams are too busy to adopt a new tool.",
                "The first use case goes live in six weeks with templates, and the time saved pays for the rollout.",
            ),
            (
                "We tried dashboards before and nobody used them.",
                "Pulse pushes alerts to where people work and tracks usage by team, so adoption is visible.",
            ),
        ),
    ),
    Persona(
        "ciso",
        "CISO",
        ("reducing breach risk", "evidence for auditors and regulators", "least-privilege access", "third-party risk"),
        (
            (
                "Giving a vendor access to our data is a risk in itself.",
                "The data plane runs in your VPC; Corvana sees metadata and policies, never the rows.",
            ),
            (
                "We passed our last audit without this.",
                "Auditors are asking for more every year; Shield turns a six-week evidence hunt into a report.",
            ),
        ),
    ),
    Persona(
        "vp_sales",
        "VP Sales",
        ("pipeline and win rates", "ramp time of new reps", "forecast accuracy", "time reps spend selling"),
        (
            ("My reps will not use another tool.", "Nothing new to log into: insights arrive in the CRM and in Slack."),
            ("We need results this quarter.", "Quick-start packages deliver a first dashboard in two weeks."),
        ),
    ),
    Persona(
        "it_admin",
        "IT administrator",
        ("easy set-up and SSO", "few tickets", "clear documentation", "predictable upgrades"),
        (
            (
                "How much work is the integration?",
                "SSO and SCIM take under an hour; pre-built connectors cover the common systems.",
            ),
            (
                "What happens when something breaks at night?",
                "Runs retry automatically and page the owner; 24/7 support is included on Enterprise.",
            ),
        ),
    ),
    Persona(
        "controller",
        "Controller",
        ("an on-time close", "clean reconciliations", "fewer late adjustments", "a team that is not burned out"),
        (
            (
                "My team knows the current process.",
                "Ledger keeps your checklist and adds automation step by step, so nobody relearns everything at once.",
            ),
            (
                "Auditors will not accept a new system.",
                "The Big Four firms audit Corvana customers every year; the SOC 1 report covers the controls.",
            ),
        ),
    ),
)


def persona(key: str) -> Persona:
    return next(p for p in PERSONAS if p.key == key)


def customer_names(industry: Industry) -> list[str]:
    """Every fictional customer name of an industry (first part x second part)."""
    firsts, seconds = industry.customer_words
    return [f"{a} {b}".strip() for a in firsts for b in seconds]
