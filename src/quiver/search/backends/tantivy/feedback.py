"""Pseudo-relevance feedback (RM3-style) for long, relaxed queries.

When a query of at least MIN_WORDS words had to be relaxed to "any word" (a question typed in full), the top
documents of that first ranking suggest further terms: each term's weight is its share of those documents
(weighted by their scores) times its inverse document frequency. The best terms are added as optional clauses
that only re-rank the matches. The rule is the same for every query (no per-query tuning).
"""

from __future__ import annotations

import math
from collections import Counter

from tantivy import Occur, Query

MIN_WORDS = 4  # only questions typed in full: short keyword queries keep their literal meaning
FEEDBACK_DOCS = 8
FEEDBACK_TERMS = 12
FEEDBACK_WEIGHT = 1.0
MAX_CHARS_PER_DOC = 4000
FIELDS = {"title": 1.0, "body": 1.0}


def expansion_query(searcher, schema, analyzer, hits, query_terms: set[str]) -> Query | None:
    if not hits:
        return None
    top = hits[:FEEDBACK_DOCS]
    best = max(score for score, _ in top) or 1.0
    weights: Counter = Counter()
    for score, address in top:
        doc = searcher.doc(address)
        text = " ".join([doc.get_first("title") or ""] + doc.get_all("body"))[:MAX_CHARS_PER_DOC]
        tokens = analyzer.analyze(text)
        if not tokens:
            continue
        share = math.exp(score - best)  # the documents' relative likelihood
        for term, count in Counter(tokens).items():
            weights[term] += share * count / len(tokens)
    total = searcher.num_docs or 1
    scored = []
    for term, weight in weights.items():
        if term in query_terms or len(term) < 3 or term.isdigit():
            continue
        df = searcher.doc_freq("body", term)
        if df < 2:
            continue
        value = weight * math.log(total / df)
        if value > 0:
            scored.append((value, term))
    scored.sort(reverse=True)
    chosen = scored[:FEEDBACK_TERMS]
    if not chosen:
        return None
    top_weight = chosen[0][0]
    clauses = []
    for weight, term in chosen:
        for field, boost in FIELDS.items():
            q = Query.term_query(schema, field, term)
            clauses.append((Occur.Should, Query.boost_query(q, FEEDBACK_WEIGHT * boost * weight / top_weight)))
    return Query.boolean_query(clauses)
