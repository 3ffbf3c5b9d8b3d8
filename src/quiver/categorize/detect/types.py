"""Asset type from structure (file kind, page count, slide-shaped pages) and text (section headings, phrases).

Each type adds weighted cues; confidence = 1 - exp(-total weight), so a strong structural cue alone gives ~0.92
and each further cue raises it. Every cue is kept as evidence ({"text", "page"}) so the suggestion explains
itself. Pure functions of a `Doc`: no database, easy to test on real files."""

import math
from statistics import median

from .cues import Doc, Score, heading, in_name, page_lengths, phrase

PRESENTATION = {"pptx", "ppt", "odp"}
SHEET = {"xlsx", "xls", "ods"}
EMAIL = {"eml", "msg"}
TEXTUAL = {"pdf", "docx", "doc", "odt", "rtf", "text", "markdown", "html", "epub"}


def _deck(doc: Doc, s: Score) -> None:
    if doc.kind in PRESENTATION:
        s.add(2.5, f"presentation file ({doc.kind.upper()}, {doc.page_count or len(doc.pages)} slide(s))")
    elif doc.kind in TEXTUAL and len(doc.pages) >= 5:
        lengths = page_lengths(doc)
        if median(lengths) < 700 and sum(1 for n in lengths if n < 900) >= 0.8 * len(lengths):
            s.add(1.6, f"{len(doc.pages)} short, slide-shaped pages (median {int(median(lengths))} characters)")
    for weight, pattern, label in (
        (0.4, r"^agenda$", "agenda slide"),
        (0.3, r"^(thank you|questions\??)\W*$", "closing slide"),
        (0.2, r"^next steps?$", "next steps slide"),
    ):
        found = heading(doc, pattern)
        if found:
            s.add(weight, f"{label} “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(deck|presentation|slides|pitch)\b"):
        s.add(1.0, f"named “{name}”")


def _case_study(doc: Doc, s: Score) -> None:
    for weight, pattern, label in (
        (0.8, r"^(the )?(business )?(challenges?|problem|situation)\b", "challenge section"),
        (0.6, r"^(the )?(solution|approach|what they did)\b", "solution section"),
        (0.8, r"^(the )?(results?|outcomes?|impact|benefits achieved)\b", "results section"),
        (0.4, r"^(at a glance|customer profile|company profile|about the customer)\b", "customer profile"),
        (0.3, r"^(in their words|what they say|testimonial)\b", "customer quote"),
    ):
        found = heading(doc, pattern)
        if found:
            s.add(weight, f"{label} “{found[1]}”", found[0])
    found = phrase(doc, r"\b(case study|customer story|success story)\b")
    if found:
        s.add(0.8, f"says “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(case study|customer story|success story|testimonial)\b"):
        s.add(1.5, f"named “{name}”")


def _datasheet(doc: Doc, s: Score) -> None:
    found = heading(doc, r"^(technical )?(specifications?|specs|tech specs)\b")
    if found:
        s.add(1.1, f"specifications section “{found[1]}”", found[0])
    found = phrase(doc, r"\b(data ?sheet|spec sheet)\b")
    if found:
        s.add(0.8, f"says “{found[1]}”", found[0])
    terms = [
        t
        for t in (
            r"\bdeployment\b",
            r"\bcertifications?\b",
            r"\buptime\b",
            r"\bSLA\b",
            r"\bencryption\b",
            r"\bSOC ?2\b",
            r"\bISO ?\d{4,5}\b",
            r"\bconnectors?\b",
            r"\bthroughput\b",
            r"\blatency\b",
            r"\bsupported\b",
            r"\brequirements\b",
            r"\bdimensions\b",
            r"\bAPI\b",
        )
        if phrase(doc, t)
    ]
    if len(terms) >= 3:
        s.add(min(0.15 * len(terms), 0.9), f"{len(terms)} specification terms (deployment, certifications, SLA...)")
    found = heading(doc, r"^(capabilities|features|key features|integrations|works with)$")
    if found:
        s.add(0.3, f"feature list “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(data ?sheet|spec sheet|specifications?)\b"):
        s.add(1.5, f"named “{name}”")


def _battlecard(doc: Doc, s: Score) -> None:
    for weight, pattern, label in (
        (0.9, r"\b(why|where|how) we win\b", "win themes"),
        (0.8, r"\bobjections?( handling)?\b", "objection handling"),
        (0.5, r"\b(landmines?|traps? to set|trap questions?)\b", "landmines"),
        (
            0.5,
            r"\b(where they are strong|their strengths|strengths and weaknesses|weaknesses)\b",
            "competitor strengths/weaknesses",
        ),
        (0.4, r"\b(competitors?|competitive|competition)\b", "competitive language"),
        (0.3, r"\bthey say\b", "their claims answered"),
        (0.3, r"\b(internal use only|do not (share|forward))\b", "internal-only note"),
    ):
        found = phrase(doc, pattern)
        if found:
            s.add(weight, f"{label}: “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(battle ?card|competitive|vs\.?|versus)\b"):
        s.add(1.5, f"named “{name}”")


def _one_pager(doc: Doc, s: Score) -> None:
    count = doc.page_count or len(doc.pages)
    if doc.kind in TEXTUAL and count in (1, 2):
        s.add(1.0 if count == 1 else 0.6, f"{count} page{'s' if count > 1 else ''}")
        for pattern, label in (
            (r"^(why|benefits|key benefits)\b", "benefits section"),
            (r"^(next steps?|learn more|get started|contact us)\b", "call to action"),
            (r"^(proof|results)\b", "proof section"),
        ):
            found = heading(doc, pattern)
            if found:
                s.add(0.2, f"{label} “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(one ?pager|one page|solution brief|brief|fact sheet|flyer)\b"):
        s.add(1.5, f"named “{name}”")


def _whitepaper(doc: Doc, s: Score) -> None:
    count = doc.page_count or len(doc.pages)
    if doc.kind in TEXTUAL:
        if count >= 5:
            s.add(1.0 if count < 8 else 1.3, f"long document ({count} pages)")
        elif count >= 3:
            s.add(0.3, f"{count} pages")
        lengths = page_lengths(doc)
        if lengths and sum(lengths) / len(lengths) > 1500:
            s.add(0.4, f"dense prose ({int(sum(lengths) / len(lengths))} characters a page)")
    for weight, pattern, label in (
        (0.8, r"^abstract\b", "abstract"),
        (0.6, r"^executive summary\b", "executive summary"),
        (0.3, r"^(\d+\.?\s*)?introduction\b", "introduction"),
        (0.5, r"^(\d+\.?\s*)?conclusions?\b", "conclusion"),
        (0.5, r"^(references|bibliography|sources|notes and references)$", "references"),
        (0.3, r"^(table of )?contents$", "table of contents"),
    ):
        found = heading(doc, pattern)
        if found:
            s.add(weight, f"{label} “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(white ?paper|e-?book|research report|guide|field manual|report)\b"):
        s.add(1.5 if "paper" in name.lower() else 0.5, f"named “{name}”")


def _pricing(doc: Doc, s: Score) -> None:
    found = phrase(doc, r"(\$|€|£|\bUSD\b|\bEUR\b|\bGBP\b)")
    if found and found[2] >= 3:
        s.add(0.6, f"{found[2]} prices or currencies", found[0])
    for weight, pattern, label in (
        (0.5, r"\b(price list|list price|pricing|price per|prices)\b", "prices"),
        (0.4, r"\bper (user|seat|month|year|licen[cs]e)\b", "unit prices"),
        (0.4, r"\b(volume )?discounts?\b", "discounts"),
        (0.3, r"\b(tiers?|editions?|plans?)\b", "tiers"),
        (0.2, r"\badd-?ons?\b", "add-ons"),
    ):
        found = phrase(doc, pattern)
        if found:
            s.add(weight, f"{label}: “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(price list|pricing|price sheet|rate card|prices)\b"):
        s.add(1.5, f"named “{name}”")


def _email(doc: Doc, s: Score) -> None:
    if doc.kind in EMAIL:
        s.add(2.5, f"e-mail message ({doc.kind.upper()})")
    found = heading(doc, r"^subject:\s*\S")
    if found:
        s.add(1.5, f"subject line “{found[1]}”", found[0])
    elif found := heading(doc, r"^subject( line)?$"):
        s.add(1.0, f"subject section “{found[1]}”", found[0])
    for weight, pattern, label in (
        (0.8, r"^(hi|hello|dear)\s+\[[^\]]+\]", "greeting with a placeholder"),
        (0.5, r"\[(your name|first name|company|title)\]", "placeholders"),
        (0.3, r"^(hi|hello|dear)\b.{0,40},$", "greeting"),
        (0.3, r"^(best regards|kind regards|regards|best|cheers|thanks),?$", "sign-off"),
    ):
        found = heading(doc, pattern)
        if found:
            s.add(weight, f"{label} “{found[1]}”", found[0])
    if name := in_name(doc, r"\b(e-?mail( template)?|template|outreach)\b"):
        s.add(1.5 if "mail" in name.lower() else 0.5, f"named “{name}”")


def _media(doc: Doc, scores: dict[str, Score]) -> None:
    if doc.is_link:
        scores["link"].add(3.0, "a web link without a file")
    if doc.kind == "video":
        scores["video"].add(3.0, "video file")
    if doc.kind in ("image", "svg"):
        scores["image"].add(3.0, f"image file ({doc.extension.upper() or doc.kind})")
    if doc.kind in SHEET or doc.extension in ("csv", "tsv"):
        scores["spreadsheet"].add(
            1.5, f"spreadsheet ({doc.extension.upper() or doc.kind.upper()}, {doc.page_count or len(doc.pages)} sheets)"
        )


RULES = (
    ("deck", _deck),
    ("case_study", _case_study),
    ("datasheet", _datasheet),
    ("battlecard", _battlecard),
    ("one_pager", _one_pager),
    ("whitepaper", _whitepaper),
    ("pricing_sheet", _pricing),
    ("email_template", _email),
)
FORMAT_BOUND = {"deck": PRESENTATION, "spreadsheet": SHEET, "email_template": EMAIL}


def detect(doc: Doc) -> list[tuple[str, float, list[dict]]]:
    """[(AssetType value, confidence, evidence)] best first; empty when nothing points anywhere."""
    scores = {kind: Score(kind) for kind in ("link", "video", "image", "spreadsheet", *dict(RULES))}
    _media(doc, scores)
    if not (doc.is_link or doc.kind in ("video", "image", "svg")):
        for kind, rule in RULES:
            rule(doc, scores[kind])
    # A file format that is itself a type (a PowerPoint is a deck) halves the other types' text cues.
    for own, kinds in FORMAT_BOUND.items():
        if doc.kind in kinds:
            for kind, score in scores.items():
                if kind != own and not (own == "spreadsheet" and kind in ("pricing_sheet", "datasheet")):
                    score.total /= 2
    ranked = sorted((s for s in scores.values() if s.total > 0), key=lambda s: -s.total)
    return [(s.kind, round(min(0.99, 1 - math.exp(-s.total)), 3), s.evidence) for s in ranked]
