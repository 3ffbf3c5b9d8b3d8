"""Battlecards (PDF or DOCX): one product against one competitor - strengths, traps, objection handling."""

from ..files import make_docx, make_rich_pdf
from ..phrases import PROOF_LINES, Writer
from ..spec import DemoAsset, slug, story_context
from ..world import COMPETITORS, INDUSTRIES, PRODUCTS, VENDOR, persona

WIN_THEMES = (
    "time to value",
    "total cost of ownership",
    "depth for regulated industries",
    "customer support",
    "ease of use for business teams",
    "security architecture",
    "connector coverage",
)


def _card(w: Writer, n: int, prod, rival) -> DemoAsset:
    ind, per = w.pick(INDUSTRIES), persona(prod.buyer)
    ctx = story_context(w, prod, ind, per, competitor=rival)
    title = f"Battlecard: {prod.name} vs {rival.name}"
    win_rate = w.num(48, 74)
    summary = (
        f"{rival.name} is {rival.positioning}. We meet them in about {w.num(12, 45)}% of {prod.category} "
        f"deals and win {win_rate}% of those that reach a technical evaluation. Lead with "
        f"{w.pick(WIN_THEMES)} and {w.pick(WIN_THEMES)}."
    )
    their = [s[0].upper() + s[1:] for s in rival.strengths]
    ours = [
        f"{c[0].upper() + c[1:]} (they have {gap})"
        for c, gap in zip(w.sample(prod.capabilities, 3), w.sample(rival.weaknesses, 3))
    ]
    handling = [f'They say "{claim}". We say: {answer}' for claim, answer in rival.claims]
    handling += [f'Buyer says "{q}" Answer: {a}' for q, a in per.objections]
    proof = w.lines(PROOF_LINES, ctx, 2)
    pricing = f"Their model: {rival.pricing}. Typical discount seen in {w.num(2024, 2026)}: {w.num(15, 45)}%."
    text = "\n".join([title, summary, *their, *ours, *rival.traps, *handling, *proof, pricing])
    if n % 2:
        data = make_docx(
            title,
            [
                ("Summary", summary),
                ("Where they are strong", "\n".join(f"- {s}" for s in their)),
                ("Where we win", "\n".join(f"- {s}" for s in ours)),
                ("Landmines to set early", "\n".join(f"- {t}" for t in rival.traps)),
                ("Objection handling", "\n".join(f"- {h}" for h in handling)),
                ("Proof points", "\n".join(f"- {p}" for p in proof)),
                ("Pricing intelligence", pricing),
                (
                    "",
                    f"Internal use only. Do not share with customers or partners. Owner: "
                    f"{VENDOR} competitive intelligence.",
                ),
            ],
        )
        ext = "docx"
    else:
        data = make_rich_pdf(
            [
                [
                    ("h1", title),
                    ("p", summary),
                    ("table", [["Where they are strong", "Where we win"], *[[a, b] for a, b in zip(their, ours)]]),
                    ("h2", "Landmines to set early"),
                    ("ul", list(rival.traps)),
                    ("h2", "Objection handling"),
                    ("ul", handling),
                    ("h2", "Proof points"),
                    ("ul", proof),
                    ("h2", "Pricing intelligence"),
                    ("p", pricing),
                ]
            ],
            title=title,
            footer="Internal use only - competitive intelligence",
        )
        ext = "pdf"
    return DemoAsset(
        key=slug("battlecard", prod.key, rival.key),
        title=title,
        description=f"How to position {prod.name} against {rival.name}: strengths, traps and answers "
        f"to the objections we hear most. Win rate {win_rate}%.",
        asset_type="battlecard",
        filename=f"battlecard-{prod.key}-vs-{rival.key}.{ext}",
        data=data,
        text=text,
        collections=(f"Competitive/vs {rival.name}",),
        tags=(prod.name, f"vs {rival.name}", "Competitive", "Evaluation"),
        team="competitive",
    )


def build(w: Writer) -> list[DemoAsset]:
    return [_card(w, i, prod, rival) for i, (prod, rival) in enumerate((p, c) for p in PRODUCTS for c in COMPETITORS)]
