"""Customer case studies (PDF or DOCX, a customer story with numbers) and one-pagers (PDF)."""

from ..files import make_docx, make_rich_pdf
from ..phrases import CHALLENGE_LINES, CTA_LINES, OPENERS, PROOF_LINES, QUOTES, SOLUTION_LINES, VALUE_LINES, Writer
from ..spec import DemoAsset, metric_phrase, slug, story_context
from ..world import INDUSTRIES, PERSONAS, PRODUCTS, VENDOR, customer_names

REGIONS = (
    "North America",
    "United Kingdom",
    "DACH",
    "Nordics",
    "France",
    "Benelux",
    "Australia and New Zealand",
    "Iberia",
    "Canada",
)


def _case_study(w: Writer, n: int, prod, ind, customer: str) -> DemoAsset:
    per = w.pick(PERSONAS)
    ctx = story_context(w, prod, ind, per, customer=customer)
    results = [
        metric_phrase(w, prod),
        f"{w.num(15, 60)}% less time spent on {ctx['kpi']} reporting",
        f"{w.money(90, 1800)} saved in the first year",
        f"live in {w.num(5, 14)} weeks across {w.num(3, 90)} {ind.units}",
    ]
    results = w.sample(results, 3)
    headline = results[0][0].upper() + results[0][1:]
    title = f"{customer}: {headline}"[:140]
    who = f"{w.person()}, {per.title}, {customer}"
    glance = [
        ["Customer", customer],
        ["Industry", ind.name],
        ["Region", w.pick(REGIONS)],
        ["Products", prod.name],
        ["Size", f"{w.num(4, 400)} {ind.units}, {w.num(300, 40000):,} employees"],
    ]
    challenge = w.paragraph(ctx, CHALLENGE_LINES, k=3)
    solution = w.paragraph(ctx, SOLUTION_LINES, k=3)
    outcome = w.paragraph(ctx, PROOF_LINES, VALUE_LINES)
    quote = w.pick(QUOTES)
    about = (
        f"{customer} is a {ind.name.lower()} organisation operating in {glance[2][1]}. "
        f"It runs {prod.name} alongside {ctx['integration']}."
    )
    text = "\n".join([title, challenge, solution, outcome, quote, *results])
    if n % 2:
        data = make_docx(
            title,
            [
                ("At a glance", "\n".join(f"- {k}: {v}" for k, v in glance)),
                ("The challenge", challenge),
                ("The solution", solution),
                ("The results", "\n".join(f"- {r}" for r in results) + "\n" + outcome),
                ("In their words", f'"{quote}"\n{who}'),
                (f"About {customer}", about),
            ],
        )
        ext = "docx"
    else:
        data = make_rich_pdf(
            [
                [
                    ("h1", title),
                    ("table", [["At a glance", ""], *glance]),
                    ("h2", "The challenge"),
                    ("p", challenge),
                    ("h2", "The solution"),
                    ("p", solution),
                    ("h2", "The results"),
                    ("ul", results),
                    ("p", outcome),
                    ("quote", f'"{quote}" - {who}'),
                    ("h2", f"About {customer}"),
                    ("p", about),
                ]
            ],
            title=title,
            footer=f"{VENDOR} customer story",
        )
        ext = "pdf"
    return DemoAsset(
        key=slug("case", customer, prod.key),
        title=title,
        description=f"How {customer} ({ind.name.lower()}) uses {prod.name}: {', '.join(results[:2])}.",
        asset_type="case_study",
        filename=f"{slug(customer, prod.key, 'case-study')}.{ext}",
        data=data,
        text=text,
        collections=("Customer stories", f"Industries/{ind.name}", f"Products/{prod.name}"),
        tags=(prod.name, ind.name, per.title, "Customer story", "Proposal"),
        team="content",
    )


def _one_pager(w: Writer, prod, ind, per) -> DemoAsset:
    ctx = story_context(w, prod, ind, per)
    focus = w.pick(("industry", "persona"))
    title = f"{prod.name} for {ind.name}" if focus == "industry" else f"{prod.name} for the {per.title}"
    title = f"{title}: {w.pick(prod.outcomes)}"
    intro = w.paragraph(ctx, OPENERS, VALUE_LINES)
    why = [v[0].upper() + v[1:] for v in w.lines(VALUE_LINES, ctx, 3)]
    proof = w.paragraph(ctx, PROOF_LINES, k=2)
    cta = w.line(CTA_LINES, ctx)
    data = make_rich_pdf(
        [
            [
                ("h1", title),
                ("p", intro),
                ("h2", f"Why {ind.name.lower()} teams choose {prod.name}"),
                ("ul", why),
                ("h2", "Proof"),
                ("p", proof),
                ("h2", "Next step"),
                ("p", cta),
            ]
        ],
        title=title,
        footer=f"{VENDOR} | {prod.category}",
    )
    collections = [f"Products/{prod.name}", f"Industries/{ind.name}"]
    return DemoAsset(
        key=slug("onepager", prod.key, ind.key, per.key),
        title=title,
        description=f"One page for {per.title} conversations in {ind.name.lower()}: {ctx['pain']}.",
        asset_type="one_pager",
        filename=f"{slug(prod.name, ind.key, per.key, 'one-pager')}.pdf",
        data=data,
        text="\n".join([title, intro, *why, proof, cta]),
        collections=tuple(collections),
        tags=(prod.name, ind.name, per.title, "Prospecting"),
    )


def build(w: Writer) -> list[DemoAsset]:
    out = []
    customers = {ind.key: w.sample(customer_names(ind), 36) for ind in INDUSTRIES}
    for n in range(28):
        ind = INDUSTRIES[n % len(INDUSTRIES)]
        prod = PRODUCTS[(n // len(INDUSTRIES) + n) % len(PRODUCTS)]
        out.append(_case_study(w, n, prod, ind, customers[ind.key].pop()))
    seen, titles = set(), set()
    while len(seen) < 22:
        prod, ind, per = w.pick(PRODUCTS), w.pick(INDUSTRIES), w.pick(PERSONAS)
        if (prod.key, ind.key, per.key) not in seen:
            page = _one_pager(w, prod, ind, per)
            if page.title not in titles:
                seen.add((prod.key, ind.key, per.key))
                titles.add(page.title)
                out.append(page)
    return out
