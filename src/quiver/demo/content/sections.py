"""Reusable sections (a heading and a few points) that decks, one-pagers and whitepapers are assembled from."""

from ..phrases import CTA_LINES, OPENERS, PROOF_LINES, VALUE_LINES, Writer
from ..world import COMPETITORS, Industry, Persona, Product, customer_names


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def challenge(w: Writer, ctx: dict, industry: Industry, **_) -> tuple[str, list[str]]:
    title = w.pick(
        (
            "The challenge",
            f"What we hear in {industry.name.lower()}",
            "Why the status quo breaks",
            f"Pressures on {industry.name.lower()} teams",
            "The problem in numbers",
        )
    )
    points = [_cap(p) for p in w.sample(industry.pains, 3)]
    points.append(w.line(OPENERS, ctx))
    return title, points


def solution(w: Writer, ctx: dict, product: Product, **_) -> tuple[str, list[str]]:
    title = w.pick(
        (f"Introducing {product.name}", f"Meet {product.name}", f"{product.name} at a glance", "A better way")
    )
    return title, [product.tagline, *w.lines(VALUE_LINES, ctx, 2)]


def capabilities(w: Writer, ctx: dict, product: Product, **_) -> tuple[str, list[str]]:
    title = w.pick(("Key capabilities", f"What {product.name} does", "Inside the platform", "Core features"))
    return title, [_cap(c) for c in w.sample(product.capabilities, w.num(3, 5))]


def how_it_works(w: Writer, ctx: dict, product: Product, **_) -> tuple[str, list[str]]:
    steps = [
        f"Connect {ctx['integration']} and your other systems with pre-built connectors",
        f"Switch on {ctx['capability']}",
        f"Add {ctx['capability2']} as the team gains confidence",
        f"Measure {ctx['kpi']} every week and share the results",
    ]
    return w.pick(("How it works", "From sign-up to value", "Four steps")), [
        f"{i}. {s}" for i, s in enumerate(steps, 1)
    ]


def proof(w: Writer, ctx: dict, industry: Industry, **_) -> tuple[str, list[str]]:
    points = []
    for template in w.sample(PROOF_LINES, 3):
        points.append(w.fill(template, {**ctx, "customer": w.pick(customer_names(industry))}))
    title = w.pick(("Customer results", "Proof, not promises", "What customers achieved", "Results in the field"))
    return title, points


def integrations(w: Writer, ctx: dict, product: Product, **_) -> tuple[str, list[str]]:
    chosen = w.sample(product.integrations, 4)
    return w.pick(("Works with your stack", "Integrations", "Connected from day one")), [
        f"{name}: pre-built, maintained connector" for name in chosen
    ] + ["REST API and webhooks for everything else"]


def security(w: Writer, ctx: dict, product: Product, industry: Industry, **_) -> tuple[str, list[str]]:
    specs = dict(product.specs)
    return w.pick(("Security and compliance", "Enterprise-ready", "Trust and security")), [
        f"Certifications: {specs.get('Certifications', 'SOC 2 Type II')}",
        f"Supports {', '.join(w.sample(industry.regulations, 2))} programmes",
        "Single sign-on (SAML, OIDC) and SCIM provisioning",
        f"Data residency: {specs.get('Deployment', 'SaaS')}",
    ]


def persona_view(w: Writer, ctx: dict, persona: Persona, product: Product, **_) -> tuple[str, list[str]]:
    points = [
        f"{_cap(care)}: {product.name} helps {w.pick(product.outcomes)}" for care in w.sample(persona.cares_about, 3)
    ]
    return f"What it means for the {persona.title}", points


def objections(w: Writer, ctx: dict, persona: Persona, **_) -> tuple[str, list[str]]:
    return w.pick(("Common questions", "What buyers ask", "Handling objections")), [
        f'"{q}" {a}' for q, a in persona.objections
    ]


def first_90_days(w: Writer, ctx: dict, **_) -> tuple[str, list[str]]:
    a, b = w.num(2, 4), w.num(5, 8)
    return w.pick(("Your first 90 days", "Implementation plan", "Getting live")), [
        f"Weeks 1-{a}: kick-off, connect {ctx['integration']}, agree success measures",
        f"Weeks {a + 1}-{b}: first team live on {ctx['capability']}",
        f"Weeks {b + 1}-12: roll out to all {ctx['units']}, first executive review",
        "Named customer success manager throughout",
    ]


def business_case(w: Writer, ctx: dict, product: Product, **_) -> tuple[str, list[str]]:
    cost, saving = w.num(80, 400), w.num(300, 1500)
    return w.pick(("The business case", "Return on investment", "Why it pays")), [
        f"Typical first-year investment: ${cost},000",
        f"Typical yearly benefit: ${saving},000",
        f"Payback in {max(2, round(12 * cost / saving))} months",
        f"Headline result: {ctx['metric_phrase']}",
    ]


def switch_from(w: Writer, ctx: dict, **_) -> tuple[str, list[str]]:
    rival = w.pick(COMPETITORS)
    return f"Why teams switch from {rival.name}", [_cap(x) for x in w.sample(rival.weaknesses, 3)] + [
        f"{ctx['vendor']} customers go live in {w.num(6, 12)} weeks on average"
    ]


def next_steps(w: Writer, ctx: dict, **_) -> tuple[str, list[str]]:
    return w.pick(("Next steps", "Where we go from here", "Proposed next steps")), w.lines(CTA_LINES, ctx, 3)


ALL = {
    "challenge": challenge,
    "solution": solution,
    "capabilities": capabilities,
    "how": how_it_works,
    "proof": proof,
    "integrations": integrations,
    "security": security,
    "persona": persona_view,
    "objections": objections,
    "plan": first_90_days,
    "roi": business_case,
    "switch": switch_from,
    "next": next_steps,
}
