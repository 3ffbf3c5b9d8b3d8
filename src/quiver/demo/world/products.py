"""The vendor's products (Corvana Ledger, Flow, Pulse...): what each does, for whom, its specs and price."""

from dataclasses import dataclass


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


def product(key: str) -> Product:
    return next(p for p in PRODUCTS if p.key == key)
