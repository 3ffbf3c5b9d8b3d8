"""Build tantivy queries from the parsed syntax tree, the filters and the permission."""

from __future__ import annotations

import tantivy
from tantivy import Occur, Query

from ...engine import FACET_NAME, Permission
from ...query import Clause, ParsedQuery, Term

# Field boosts and the dismax tie breaker (0: best field only, 1: sum of fields), chosen on Cranfield
# (make bench-relevance) among settings that keep title > tags/facet values > description > page text.
BOOSTS = {"title": 2.0, "labels": 1.6, "description": 1.3, "body": 1.0}
TIE_BREAKER = 0.5
MIN_PREFIX = 2
FUZZY_MAX_DF = 2  # typo tolerance applies to words found in at most this many documents (typos are rare words)


class QueryBuilder:
    def __init__(
        self,
        schema: tantivy.Schema,
        analyzer: tantivy.TextAnalyzer,
        plain: tantivy.TextAnalyzer,
        searcher: tantivy.Searcher | None = None,
    ):
        self.schema, self.analyzer, self.plain, self.searcher = schema, analyzer, plain, searcher

    def _tokens(self, text: str) -> list[tuple[int, str]]:
        pre = self.analyzer.pre_tokenize(text)
        return [(t.position, t.text) for t in pre.tokens]

    def _per_field(self, make) -> Query | None:
        subs = []
        for name, boost in BOOSTS.items():
            q = make(name)
            if q is not None:
                subs.append(Query.boost_query(q, boost))
        if not subs:
            return None
        return subs[0] if len(subs) == 1 else Query.disjunction_max_query(subs, TIE_BREAKER)

    def _words(self, tokens: list[tuple[int, str]]):
        base = tokens[0][0]
        return [(pos - base, word) for pos, word in tokens]

    def clause(self, clause: Clause, fuzzy: bool) -> Query | None:
        node = clause.node
        if isinstance(node, Term) and node.prefix:
            return self._prefix(node.text)
        tokens = self._tokens(node.text)
        if not tokens:
            return None
        if len(tokens) == 1:
            word = tokens[0][1]
            exact = self._per_field(lambda f: Query.term_query(self.schema, f, word))
            if not (fuzzy and isinstance(node, Term) and self.is_rare(word)):
                return exact
            distance = 1 if len(word) < 8 else 2
            fuzz = self._per_field(lambda f: Query.fuzzy_term_query(self.schema, f, word, distance, True, False))
            return Query.boolean_query([(Occur.Should, exact), (Occur.Should, Query.boost_query(fuzz, 0.5))])
        words = self._words(tokens)
        return self._per_field(lambda f: Query.phrase_query(self.schema, f, words))

    def is_rare(self, word: str) -> bool:
        if len(word) < 4 or self.searcher is None:
            return False
        return sum(self.searcher.doc_freq(field, word) for field in BOOSTS) <= FUZZY_MAX_DF

    def typo_candidates(self, parsed: ParsedQuery) -> bool:
        """Whether any positive word is rare enough for the typo-tolerant step to change anything."""
        for clause in parsed.positive:
            if isinstance(clause.node, Term) and not clause.node.prefix:
                tokens = self._tokens(clause.node.text)
                if len(tokens) == 1 and self.is_rare(tokens[0][1]):
                    return True
        return False

    def _prefix(self, text: str) -> Query | None:
        words = [t.text for t in self.plain.pre_tokenize(text).tokens]
        if not words:
            return None
        if len(words[-1]) < MIN_PREFIX:
            return self.clause(Clause(Term(text)), False)
        stems = [w for _, w in self._tokens(" ".join(words[:-1]))] if len(words) > 1 else []
        last = words[-1]
        last_stemmed = self._tokens(last)
        options = {last} | ({last_stemmed[0][1]} if last_stemmed else set())

        def make(field):
            alts = []
            for prefix in options:
                if stems:
                    alts.append(Query.phrase_prefix_query(self.schema, field, stems + [prefix]))
                else:
                    alts.append(Query.regex_query(self.schema, field, prefix + ".*"))
            return alts[0] if len(alts) == 1 else Query.boolean_query([(Occur.Should, a) for a in alts])

        return self._per_field(make)

    def text(self, parsed: ParsedQuery, fuzzy: bool, any_term: bool) -> Query | None:
        positive = [q for c in parsed.positive if (q := self.clause(c, fuzzy)) is not None]
        negative = [q for c in parsed.negative if (q := self.clause(c, False)) is not None]
        if not positive:
            if not negative:
                return None
            return Query.boolean_query([(Occur.Must, Query.all_query())] + [(Occur.MustNot, q) for q in negative])
        occur = Occur.Should if any_term else Occur.Must
        subqueries = [(occur, q) for q in positive] + [(Occur.MustNot, q) for q in negative]
        return subqueries[0][1] if len(subqueries) == 1 else Query.boolean_query(subqueries)

    def highlight_terms(self, parsed: ParsedQuery) -> set[str]:
        """Exact and prefix-expanded indexed terms of the positive clauses."""
        terms = set()
        for clause in parsed.positive:
            node = clause.node
            if isinstance(node, Term) and node.prefix and self.searcher is not None:
                words = [t.text for t in self.plain.pre_tokenize(node.text).tokens]
                if words and len(words[-1]) >= MIN_PREFIX:
                    for field in ("body", "description"):
                        found = self.searcher.terms_with_prefix(field, words[-1], limit=20)
                        terms.update(term for term, _ in found)
                    terms.update(w for _, w in self._tokens(" ".join(words[:-1])))
                    continue
            terms.update(word for _, word in self._tokens(node.text))
        return terms


def permission_query(schema: tantivy.Schema, permission: Permission) -> Query | None:
    """None when unrestricted; otherwise the documents the permission lets through."""
    if permission.unrestricted:
        return None
    options = []
    if permission.collection_ids:
        in_collections = Query.term_set_query(schema, "collection", sorted(permission.collection_ids))
        if permission.statuses is None:
            options.append(in_collections)
        elif permission.statuses:
            statuses = Query.term_set_query(schema, "status", sorted(permission.statuses))
            options.append(Query.boolean_query([(Occur.Must, in_collections), (Occur.Must, statuses)]))
    if permission.user_id is not None:
        options.append(Query.term_query(schema, "owner", permission.user_id))
        options.append(Query.term_query(schema, "creator", permission.user_id))
    if not options:
        return Query.empty_query()
    return options[0] if len(options) == 1 else Query.boolean_query([(Occur.Should, q) for q in options])


def filter_queries(schema: tantivy.Schema, filters: dict[str, tuple[str, ...]], parsed: ParsedQuery):
    """(occur, query) pairs: AND across fields, OR within one; `-field:value` excludes."""
    out = []
    for name, values in filters.items():
        if not FACET_NAME.match(name):
            out.append((Occur.Must, Query.empty_query()))
            continue
        out.append((Occur.Must, Query.term_set_query(schema, f"f.{name}", sorted(set(values)))))
    for item in parsed.filters:
        if not FACET_NAME.match(item.field):
            continue
        q = Query.term_query(schema, f"f.{item.field}", item.value)
        out.append((Occur.MustNot if item.negated else Occur.Must, q))
    return out
