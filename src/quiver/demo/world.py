"""The fictional world of the demo library: one vendor, its products, markets, buyers and rivals.

Everything here is invented. The `.example` domain is reserved, so no link in the demo points at a real site."""

from dataclasses import dataclass, field

VENDOR = "Corvana"
VENDOR_SITE = "https://www.corvana.example"


@dataclass(frozen=True)
class Product:
    key: str
    name: str
    category: str
    tagline: str
    buyer: str  # persona key of the economic buyer
    capabilities: tuple[str, ...]
    outcomes: tuple[str, ...]  # phrased to follow "helps teams ..."
    metric: tuple[str, str, int, int]  # (what, unit, low, high) of the headline improvement
    specs: tuple[tuple[str, str], ...]
    integrations: tuple[str, ...]
    list_price: int  # per user per year, in USD, for the Professional tier


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


PRODUCTS = (
    Product(
        "ledger",
        "Corvana Ledger",
        "financial close automation",
        "Close the books in days, not weeks.",
        "cfo",
        (
            "automated bank and intercompany reconciliation",
            "a close checklist with owners and due dates",
            "journal entry workflows with approvals",
            "variance analysis with drill-down to the transaction",
            "continuous accounting with daily matching",
            "an audit trail that auditors can self-serve",
        ),
        (
            "close the month faster",
            "cut manual reconciliation work",
            "pass audits with fewer findings",
            "give the CFO a real-time view of cash",
            "standardise the close across entities",
        ),
        ("close", "days", 4, 9),
        (
            ("Deployment", "Multi-tenant SaaS, EU and US regions"),
            ("Matching engine", "Up to 2 million lines per hour"),
            ("ERP connectors", "12 pre-built, plus SFTP and REST"),
            ("Entities", "Unlimited legal entities and currencies"),
            ("Availability", "99.9% monthly uptime SLA"),
            ("Audit", "Immutable log, exportable to CSV and PDF"),
            ("Certifications", "SOC 2 Type II, ISO 27001"),
        ),
        ("NetSuite", "SAP S/4HANA", "Oracle Fusion", "Microsoft Dynamics 365", "Workday Financials", "Sage Intacct"),
        540,
    ),
    Product(
        "pulse",
        "Corvana Pulse",
        "operations analytics",
        "Every operational signal, one live view.",
        "coo",
        (
            "live dashboards over operational data",
            "anomaly alerts routed to the right owner",
            "a semantic layer so every team shares one definition of a metric",
            "forecasting with explainable drivers",
            "embedded analytics for customer-facing portals",
            "natural-language questions over governed data",
        ),
        (
            "spot problems before customers do",
            "replace spreadsheet reporting",
            "agree on one version of the truth",
            "forecast demand with fewer surprises",
            "give frontline managers answers without an analyst",
        ),
        ("hours of manual reporting saved per week", "hours", 12, 40),
        (
            ("Deployment", "SaaS or customer-managed Kubernetes"),
            ("Data sources", "60+ connectors, streaming and batch"),
            ("Query latency", "p95 under 2 seconds on 1 billion rows"),
            ("Refresh", "Streaming or every 5 minutes"),
            ("Users", "Unlimited viewers on Enterprise"),
            ("Embedding", "JavaScript SDK and signed URLs"),
            ("Certifications", "SOC 2 Type II, HIPAA-ready"),
        ),
        ("Snowflake", "BigQuery", "Databricks", "PostgreSQL", "Salesforce", "ServiceNow", "Kafka"),
        420,
    ),
    Product(
        "shield",
        "Corvana Shield",
        "data governance and access security",
        "Know who can see what, and prove it.",
        "ciso",
        (
            "automatic discovery and classification of sensitive data",
            "policy-based access across warehouses and apps",
            "access reviews that managers finish in minutes",
            "masking and tokenisation of personal data",
            "a lineage map from source to report",
            "evidence packs for auditors",
        ),
        (
            "reduce the risk of a data breach",
            "finish access reviews on time",
            "answer auditors with evidence, not emails",
            "let analysts use data safely",
            "meet privacy rules without slowing the business",
        ),
        ("percent fewer excessive permissions", "%", 35, 70),
        (
            ("Deployment", "SaaS control plane, in-VPC data plane"),
            ("Discovery", "120+ built-in classifiers"),
            ("Policy engine", "Attribute- and role-based, evaluated in under 10 ms"),
            ("Coverage", "Warehouses, lakes, SaaS apps and file shares"),
            ("Identity", "SAML 2.0, OIDC, SCIM 2.0"),
            ("Encryption", "AES-256 at rest, TLS 1.3 in transit, customer-managed keys"),
            ("Certifications", "SOC 2 Type II, ISO 27001, ISO 27701"),
        ),
        ("Okta", "Microsoft Entra ID", "Snowflake", "Databricks", "AWS S3", "Google Workspace", "Splunk"),
        360,
    ),
    Product(
        "flow",
        "Corvana Flow",
        "workflow automation and integration",
        "Automate the handoffs between your systems and your people.",
        "cio",
        (
            "a visual workflow builder with versioning",
            "400+ pre-built connectors",
            "human approval steps in Slack and Teams",
            "error handling with automatic retries and replay",
            "an API gateway for internal services",
            "templates for the 50 most common back-office processes",
        ),
        (
            "retire brittle point-to-point integrations",
            "free IT from one-off requests",
            "shorten order-to-cash",
            "onboard employees and suppliers in hours",
            "give business teams safe self-service automation",
        ),
        ("percent faster process cycle time", "%", 30, 65),
        (
            ("Deployment", "SaaS, hybrid agents for on-premises systems"),
            ("Connectors", "400+ maintained connectors"),
            ("Throughput", "10,000 workflow runs per minute per tenant"),
            ("Versioning", "Git-backed, with promotion across environments"),
            ("Monitoring", "Run history kept 13 months, OpenTelemetry export"),
            ("Access", "SSO, SCIM, role-based workspaces"),
            ("Certifications", "SOC 2 Type II, ISO 27001"),
        ),
        ("Salesforce", "SAP", "ServiceNow", "Workday", "Slack", "Microsoft Teams", "Jira", "Zendesk"),
        300,
    ),
)

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

STAGES = ("Prospecting", "Discovery", "Evaluation", "Proposal", "Negotiation", "Closing", "Expansion")

TOPICS = (
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
)


def product(key: str) -> Product:
    return next(p for p in PRODUCTS if p.key == key)


def persona(key: str) -> Persona:
    return next(p for p in PERSONAS if p.key == key)


def customer_names(industry: Industry) -> list[str]:
    """Every fictional customer name of an industry (first part x second part)."""
    firsts, seconds = industry.customer_words
    return [f"{a} {b}".strip() for a in firsts for b in seconds]
