"""Email templates (DOCX or TXT) for each sales stage and persona, and a few web links."""

from ..files import make_docx
from ..phrases import PROOF_LINES, VALUE_LINES, Writer
from ..spec import DemoAsset, slug, story_context
from ..world import INDUSTRIES, PERSONAS, PRODUCTS, STAGES, VENDOR, VENDOR_SITE

STAGE_PLAYS = {
    "Prospecting": (
        "Net-new logos",
        ("Quick question about {kpi}", "{customer} and {pain}", "An idea for your {persona} agenda"),
        "I am reaching out because {industry_lc} teams like yours are dealing with {pain}.",
    ),
    "Discovery": (
        "Net-new logos",
        ("Thank you for the call", "Recap: our discovery conversation", "Next step on {kpi}"),
        "Thank you for walking me through how your team handles {kpi} today.",
    ),
    "Evaluation": (
        "Competitive displacement",
        ("Your evaluation plan", "Agenda for the technical deep-dive", "Success criteria for the pilot"),
        "As agreed, here is the evaluation plan we discussed, with owners and dates.",
    ),
    "Proposal": (
        "Expansion",
        ("Your proposal from {vendor}", "Business case attached", "Proposal and next steps"),
        "Please find attached the proposal and the business case we built together.",
    ),
    "Negotiation": (
        "Expansion",
        ("Commercial terms", "Following up on pricing", "Open points before signature"),
        "Thank you for the feedback on the commercial terms; below is where we landed.",
    ),
    "Closing": (
        "Net-new logos",
        ("Final steps to get started", "Countersigned order form", "Welcome to {vendor}"),
        "We are ready to start as soon as the order form is signed.",
    ),
    "Expansion": (
        "Renewal and retention",
        ("Ideas for next year", "Your quarterly review", "Results so far"),
        "It has been a good year and I wanted to share what your team achieved.",
    ),
}

LINKS = (
    ("Corvana Ledger product page", "/products/ledger", "Products/Corvana Ledger", ("Corvana Ledger", "Website")),
    ("Corvana Pulse product page", "/products/pulse", "Products/Corvana Pulse", ("Corvana Pulse", "Website")),
    ("Corvana Shield product page", "/products/shield", "Products/Corvana Shield", ("Corvana Shield", "Website")),
    ("Corvana Flow product page", "/products/flow", "Products/Corvana Flow", ("Corvana Flow", "Website")),
    ("Trust center: security, privacy and sub-processors", "/trust", "Sales plays/Net-new logos", ("Security",)),
    ("ROI calculator", "/tools/roi-calculator", "Sales plays/Expansion", ("ROI", "Proposal")),
    (
        "Webinar recording: the modern close",
        "/webinars/modern-close",
        "Onboarding/Customer success",
        ("Corvana Ledger", "Webinar"),
    ),
    ("Customer community forum", "/community", "Onboarding/Customer success", ("Adoption",)),
)


def _email(w: Writer, n: int, stage: str, per, prod, ind) -> DemoAsset:
    ctx = story_context(w, prod, ind, per)
    play, subjects, opener = STAGE_PLAYS[stage]
    subject = w.fill(w.pick(subjects), ctx)
    body = [
        "Hi [First name],",
        w.fill(opener, ctx),
        w.paragraph(ctx, VALUE_LINES, PROOF_LINES),
        w.pick(
            (
                "Would 20 minutes next week work to go through it?",
                "Could we find time on Thursday or Friday?",
                "I have attached a short summary; happy to walk your team through it.",
                f"Shall I send the invitation for a call with our {per.title} advisory team?",
            )
        ),
        "Best regards,\n[Your name]\n[Title], " + VENDOR,
    ]
    title = f"Email template: {stage.lower()} - {per.title} - {prod.name}"
    tips = [
        f"Use in the {stage.lower()} stage.",
        f"Personalise the second sentence with the {per.title}'s priority: {w.pick(per.cares_about)}.",
        "Keep it under 150 words.",
    ]
    text = "\n\n".join([f"Subject: {subject}", *body])
    if n % 3 == 0:
        data, ext = ("\n".join([title, "", *[f"Tip: {t}" for t in tips], "", text, ""])).encode(), "txt"
    else:
        data = make_docx(
            title,
            [("How to use", "\n".join(f"- {t}" for t in tips)), ("Subject line", subject), ("Body", "\n".join(body))],
        )
        ext = "docx"
    return DemoAsset(
        key=slug("email", stage, per.key, prod.key, str(n)),
        title=title,
        description=f"Ready-to-send {stage.lower()} email for a {per.title} evaluating {prod.name}.",
        asset_type="email_template",
        filename=f"{slug('email', stage, per.key, prod.key)}.{ext}",
        data=data,
        text=text,
        collections=("Templates/Email templates", f"Sales plays/{play}"),
        tags=(stage, per.title, prod.name, "Email"),
        team="content",
    )


def build(w: Writer) -> list[DemoAsset]:
    out, seen = [], set()
    while len(out) < 24:
        stage, per, prod = STAGES[len(out) % len(STAGES)], w.pick(PERSONAS), w.pick(PRODUCTS)
        if (stage, per.key, prod.key) in seen:
            continue
        seen.add((stage, per.key, prod.key))
        out.append(_email(w, len(out), stage, per, prod, w.pick(INDUSTRIES)))
    for title, path, collection, tags in LINKS:
        out.append(
            DemoAsset(
                key=slug("link", path),
                title=title,
                asset_type="link",
                link_url=VENDOR_SITE + path,
                description=f"{title} on the public {VENDOR} website.",
                collections=(collection,),
                tags=tags,
                text=title,
            )
        )
    return out
