"""Whitepapers (multi-page PDF): a thesis, an argument in several sections, a framework and a conclusion."""

from ..files import make_rich_pdf
from ..phrases import OPENERS, PROOF_LINES, VALUE_LINES, Writer
from ..spec import DemoAsset, slug, story_context
from ..world import INDUSTRIES, PERSONAS, PRODUCTS, TOPICS, VENDOR

THEMES = (
    ("The {industry_lc} guide to {topic_lc}", "guide"),
    ("{topic}: a field manual for the {persona}", "manual"),
    ("Five myths about {topic_lc} in {industry_lc}", "myths"),
    ("The state of {topic_lc} in {industry_lc}, {year}", "report"),
    ("From pilot to platform: scaling {topic_lc}", "guide"),
    ("What auditors will ask about {topic_lc} next year", "manual"),
)

ARGUMENT = (
    "The organisations that moved first did not buy more tools; they removed steps.",
    "Measured over three years, the cost of doing nothing is higher than most budgets assume.",
    "A common mistake is to automate a process before agreeing who owns it.",
    "The {persona} is usually the sponsor, but the daily users decide whether it sticks.",
    "Data quality is rarely the blocker people expect; ownership and definitions are.",
    "Regulators increasingly expect evidence on demand rather than once a year.",
    "Our analysis of {n} projects shows that scope creep, not technology, explains most delays.",
    "The teams with the best results reviewed {kpi} every week, not every quarter.",
    "Start with one measurable process, publish the result, then expand.",
    "Integration with systems such as {integration} is where most hidden cost sits.",
    "Executive attention fades after the first quarter unless results are visible.",
    "Leaders treat {topic_lc} as a capability to build, not a project to finish.",
)

FRAMEWORK = (
    "Assess: map the process and measure {kpi} today",
    "Prioritise: pick the step with the most manual effort and the clearest owner",
    "Automate: switch on {capability} for that step only",
    "Prove: compare {kpi} after {weeks} weeks with the baseline",
    "Scale: extend to all {units} and add {capability2}",
)


def _paper(w: Writer, n: int, prod, ind, per, topic: str) -> DemoAsset:
    ctx = story_context(w, prod, ind, per)
    ctx.update(topic=topic, topic_lc=topic if topic[:2].isupper() else topic.lower(), year=w.num(2024, 2026))
    theme, kind = THEMES[n % len(THEMES)]
    title = w.fill(theme, ctx)
    title = title[0].upper() + title[1:]
    pages = [
        [
            ("h1", title),
            ("p", f"A {VENDOR} {kind} for {per.title}s and their teams in {ind.name.lower()}."),
            ("h2", "Executive summary"),
            ("p", w.paragraph(ctx, OPENERS, ARGUMENT, VALUE_LINES, k=1)),
            ("ul", [w.fill(a, ctx) for a in w.sample(ARGUMENT, 3)]),
        ]
    ]
    headings = w.sample(
        (
            "Why now",
            "The hidden cost",
            "What leaders do differently",
            "Where projects fail",
            "A closer look at the data",
            "The role of technology",
            "Lessons from the field",
            "Measuring success",
        ),
        w.num(3, 5),
    )
    for heading in headings:
        body = [("h2", heading)]
        for _ in range(w.num(3, 5)):
            body.append(("p", w.paragraph(ctx, ARGUMENT, k=w.num(2, 3)) + " " + w.line(PROOF_LINES + VALUE_LINES, ctx)))
        pages.append(body)
    pages.append(
        [
            ("h2", "A five-step framework"),
            ("ul", [w.fill(f, ctx) for f in FRAMEWORK]),
            ("h2", "Conclusion"),
            ("p", w.paragraph(ctx, ARGUMENT, VALUE_LINES, k=2)),
            (
                "p",
                f"About {VENDOR}: {VENDOR} builds {prod.category} software used by {w.num(400, 2000)} "
                f"organisations in {w.num(20, 45)} countries.",
            ),
        ]
    )
    data = make_rich_pdf(pages, title=title, footer=f"{VENDOR} | {title}")
    text = "\n".join(str(c) if not isinstance(c, list) else "\n".join(c) for page in pages for _, c in page)
    return DemoAsset(
        key=slug("whitepaper", str(n), title),
        title=title,
        description=f"{len(pages)}-page {kind} on {topic.lower()} for {ind.name.lower()} "
        f"{per.title}s, with a five-step framework.",
        asset_type="whitepaper",
        filename=f"{slug(title)}.pdf",
        data=data,
        text=text,
        collections=(f"Industries/{ind.name}", f"Products/{prod.name}"),
        tags=(topic, ind.name, per.title, "Thought leadership", "Prospecting"),
        team="content",
    )


def build(w: Writer) -> list[DemoAsset]:
    topics = w.sample(TOPICS, len(TOPICS)) + w.sample(TOPICS, 2)
    return [
        _paper(w, n, w.pick(PRODUCTS), INDUSTRIES[n % len(INDUSTRIES)], w.pick(PERSONAS), topics[n]) for n in range(12)
    ]
