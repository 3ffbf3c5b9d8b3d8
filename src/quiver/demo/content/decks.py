"""Presentation decks (PPTX, 6-15 slides): product overviews, industry pitches, executive briefings,
competitive displacement, onboarding and templates."""

from ..files import make_pptx
from ..phrases import PROOF_LINES, VALUE_LINES, Writer
from ..spec import DemoAsset, slug, story_context
from ..world import COMPETITORS, INDUSTRIES, PERSONAS, PRODUCTS, STAGES, VENDOR, persona
from . import sections

OVERVIEW = ["challenge", "solution", "capabilities", "how", "integrations", "proof", "security", "plan", "roi", "next"]
PITCH = ["challenge", "solution", "persona", "capabilities", "proof", "objections", "plan", "next"]
BRIEFING = ["challenge", "roi", "solution", "proof", "objections", "next"]
DISPLACE = ["switch", "solution", "capabilities", "proof", "plan", "next"]
TRAINING = ["challenge", "solution", "capabilities", "persona", "objections", "switch", "proof", "next"]


def _deck(
    w: Writer, ctx: dict, order: list[str], cover: tuple[str, str], whats_new: list[str] | None = None, **facts
) -> tuple[bytes, str, int]:
    order = list(order)
    extra = [k for k in sections.ALL if k not in order]
    for key in w.sample(extra, w.num(0, min(3, 12 - len(order)))):  # vary length and content from deck to deck
        order.insert(w.num(1, len(order) - 1), key)
    slides = [sections.ALL[key](w, ctx, **facts) for key in order]
    if len(slides) >= 8:
        slides.insert(0, ("Agenda", [title for title, _ in slides[:-1]][:7]))
    notes = [w.paragraph(ctx, VALUE_LINES, PROOF_LINES) for _ in slides]
    text = "\n".join([cover[0], cover[1], *(t + "\n" + "\n".join(b) for t, b in slides)])
    data, count = make_pptx(slides, notes=notes, cover=cover), len(slides) + 1
    if whats_new:  # a later version: the same deck with a "What's new" slide before the next steps
        slides.insert(len(slides) - 1, ("What's new", whats_new))
        notes.insert(len(notes) - 1, "Walk through the release highlights; keep it under two minutes.")
        facts["revision"].append(make_pptx(slides, notes=notes, cover=cover))
        text += "\nWhat's new\n" + "\n".join(whats_new)
    return data, text, count


def _asset(key, title, description, data, text, collections, tags, team="product") -> DemoAsset:
    return DemoAsset(
        key=key,
        title=title,
        description=description,
        asset_type="deck",
        filename=f"{slug(title)}.pptx",
        data=data,
        text=text,
        collections=tuple(collections),
        tags=tuple(tags),
        team=team,
    )


def build(w: Writer) -> list[DemoAsset]:
    out = []
    for prod in PRODUCTS:  # product overviews
        ind = w.pick(INDUSTRIES)
        ctx = story_context(w, prod, ind, persona(prod.buyer))
        title = f"{prod.name} product overview"
        news = [f"New: {c}" for c in w.sample(prod.capabilities, 2)] + [
            f"{w.num(3, 9)} new connectors, including {w.pick(prod.integrations)}"
        ]
        revision: list[bytes] = []
        data, text, n = _deck(
            w,
            ctx,
            OVERVIEW,
            (title, prod.tagline),
            whats_new=news,
            product=prod,
            industry=ind,
            persona=persona(prod.buyer),
            revision=revision,
        )
        asset = _asset(
            slug("deck-overview", prod.key),
            title,
            f"The standard {n}-slide pitch for {prod.name}: problem, platform, proof and plan.",
            data,
            text,
            [f"Products/{prod.name}", "Sales plays/Net-new logos"],
            [prod.name, "Overview", "Discovery"],
        )
        asset.revision = (revision[0], asset.filename, "Added the release highlights slide")
        out.append(asset)
    for ind in INDUSTRIES:  # industry pitches: two products per industry
        for prod in w.sample(PRODUCTS, 2):
            per = w.pick(PERSONAS)
            ctx = story_context(w, prod, ind, per)
            title = f"{prod.name} for {ind.name}"
            sub = w.pick(
                (
                    f"How {ind.name.lower()} leaders {w.pick(prod.outcomes)}",
                    f"A pitch for the {per.title}",
                    f"{ind.name} edition",
                )
            )
            data, text, n = _deck(w, ctx, PITCH, (title, sub), product=prod, industry=ind, persona=per)
            out.append(
                _asset(
                    slug("deck-pitch", prod.key, ind.key),
                    title,
                    f"{n} slides tailored to {ind.name.lower()} buyers, written for the {per.title}. "
                    f"Opens with {ctx['pain']}.",
                    data,
                    text,
                    [f"Products/{prod.name}", f"Industries/{ind.name}"],
                    [prod.name, ind.name, per.title, w.pick(STAGES)],
                )
            )
    for per_key in ("cfo", "cio", "coo", "ciso"):  # executive briefings
        per = persona(per_key)
        prod = next((p for p in PRODUCTS if p.buyer == per_key), w.pick(PRODUCTS))
        ind = w.pick(INDUSTRIES)
        ctx = story_context(w, prod, ind, per)
        title = f"Executive briefing for the {per.title}"
        data, text, n = _deck(
            w,
            ctx,
            BRIEFING,
            (title, f"{VENDOR} and the {w.pick(per.cares_about)}"),
            product=prod,
            industry=ind,
            persona=per,
        )
        out.append(
            _asset(
                slug("deck-briefing", per_key),
                title,
                f"A short board-level story for the {per.title}, built on {prod.name}.",
                data,
                text,
                [f"Products/{prod.name}", "Sales plays/Expansion"],
                [per.title, "Executive briefing", "Proposal"],
            )
        )
    for rival in w.sample(COMPETITORS, 2):  # competitive displacement
        prod, ind = w.pick(PRODUCTS), w.pick(INDUSTRIES)
        ctx = story_context(w, prod, ind, persona(prod.buyer), competitor=rival)
        title = f"Replacing {rival.name}: the migration pitch"
        data, text, n = _deck(
            w,
            ctx,
            DISPLACE,
            (title, f"Moving from {rival.positioning} to {prod.name}"),
            product=prod,
            industry=ind,
            persona=persona(prod.buyer),
        )
        out.append(
            _asset(
                slug("deck-displace", rival.key),
                title,
                f"For deals where {rival.name} is the incumbent; covers migration and risk.",
                data,
                text,
                [f"Competitive/vs {rival.name}", "Sales plays/Competitive displacement"],
                [f"vs {rival.name}", "Migration", "Evaluation"],
                team="competitive",
            )
        )
    for prod in PRODUCTS:  # onboarding / training
        ind, per = w.pick(INDUSTRIES), persona(prod.buyer)
        ctx = story_context(w, prod, ind, per)
        title = f"Sales bootcamp: selling {prod.name}"
        data, text, n = _deck(
            w,
            ctx,
            TRAINING,
            (title, "Certification module for new account executives"),
            product=prod,
            industry=ind,
            persona=per,
        )
        out.append(
            _asset(
                slug("deck-bootcamp", prod.key),
                title,
                f"Training deck for new sellers: who buys {prod.name}, what they ask, how we win.",
                data,
                text,
                ["Onboarding/New hire bootcamp"],
                [prod.name, "Training", "Onboarding"],
                team="content",
            )
        )
    for label, order, where in (
        (
            "Quarterly business review template",
            ["proof", "roi", "plan", "next", "persona"],
            "Sales plays/Renewal and retention",
        ),
        (
            "Customer kick-off meeting template",
            ["solution", "plan", "how", "security", "next"],
            "Onboarding/Customer success",
        ),
        (f"Sales kickoff {w.num(2025, 2026)}: winning the year", TRAINING, "Onboarding/New hire bootcamp"),
        ("Partner enablement: co-selling with " + VENDOR, PITCH, "Sales plays/Partners"),
    ):
        prod, ind = w.pick(PRODUCTS), w.pick(INDUSTRIES)
        ctx = story_context(w, prod, ind, persona(prod.buyer))
        data, text, n = _deck(
            w,
            ctx,
            order,
            (label, f"Example built on {prod.name}"),
            product=prod,
            industry=ind,
            persona=persona(prod.buyer),
        )
        out.append(
            _asset(
                slug("deck", label),
                label,
                f"{n}-slide template; replace the example figures before use.",
                data,
                text,
                [where],
                ["Template", prod.name],
                team="content",
            )
        )
    return out
