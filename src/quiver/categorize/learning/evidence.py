"""Why a value was predicted: the terms with the largest coefficient x tf-idf in the asset, found again in its
text (the phrase as written, and the first page where it occurs; page None = title or description)."""

import re

import numpy as np

from .corpus import Doc
from .types import Evidence

MAX_TERMS = 5


def _pattern(term: str) -> re.Pattern:
    words = [re.escape(w) for w in term.split(" ")]
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)", re.IGNORECASE)


def locate(term: str, doc: Doc) -> tuple[str, int | None, bool]:
    """(text as written, page, found) for a vocabulary term: pages first, then title and description."""
    pattern = _pattern(term)
    for number, text in doc.pages:
        match = pattern.search(text)
        if match:
            return " ".join(match.group(0).split()), number, True
    for text in (doc.title, doc.description):
        match = pattern.search(text)
        if match:
            return " ".join(match.group(0).split()), None, True
    return term, None, False


def explain(row, coef_row: np.ndarray, terms, doc: Doc) -> tuple[list[Evidence], int | None]:
    """`row`: the asset's tf-idf vector (1 x features, sparse); `coef_row`: the value's weights (dense)."""
    contributions = row.data * coef_row[row.indices]
    order = np.argsort(-contributions)
    evidence, weight_by_page = [], {}
    for k in order[: MAX_TERMS * 2]:
        if contributions[k] <= 0 or len(evidence) >= MAX_TERMS:
            break
        text, page, found = locate(str(terms[row.indices[k]]), doc)
        if not found:
            continue
        if any(e.text.lower() == text.lower() for e in evidence):
            continue
        evidence.append(Evidence(text, page))
        if page is not None:
            weight_by_page[page] = weight_by_page.get(page, 0.0) + float(contributions[k])
    best = max(sorted(weight_by_page), key=weight_by_page.get) if weight_by_page else None
    return evidence, best
