"""SQL of the PostgreSQL engine: tsquery expressions from the syntax tree, and the one-pass search statement."""

from __future__ import annotations

import re

from ...engine import FACET_NAME, Permission, SearchQuery
from ...query import Clause, ParsedQuery, Term

CONFIG = "english"
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D (page text), C (description), B (tags, facet values), A (title)
HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=1"
_WORDS = re.compile(r"\w+", re.UNICODE)


def _quoted(text: str) -> str:
    """A websearch_to_tsquery phrase: only word characters survive, so no operator can be injected."""
    return '"' + " ".join(_WORDS.findall(text)) + '"'


def clause_sql(clause: Clause, expansions: dict[str, list[str]]) -> tuple[str, list]:
    node = clause.node
    if isinstance(node, Term) and node.prefix:
        words = [w.lower() for w in _WORDS.findall(node.text)]
        if not words:
            return "''::tsquery", []
        expr = " <-> ".join(f"'{w}'" for w in words) + ":*"
        return f"(to_tsquery('simple', %s) || to_tsquery('{CONFIG}', %s))", [expr, expr]
    sql, params = f"websearch_to_tsquery('{CONFIG}', %s)", [_quoted(node.text)]
    extra = expansions.get(node.text, []) if isinstance(node, Term) else []
    for lexeme in extra:
        sql += " || plainto_tsquery('simple', %s)"
        params.append(lexeme)
    return (f"({sql})" if extra else sql), params


def tsquery_sql(parsed: ParsedQuery, any_term: bool, expansions: dict[str, list[str]]) -> tuple[str, list]:
    """One tsquery expression for the whole text (evaluated once, then passed to the search as a literal)."""
    joiner = " || " if any_term else " && "
    parts, params = [], []
    for clause in parsed.positive:
        sql, p = clause_sql(clause, expansions)
        parts.append(sql)
        params += p
    expr = joiner.join(parts) if parts else "''::tsquery"
    for clause in parsed.negative:
        sql, p = clause_sql(Clause(clause.node), {})
        expr = f"({expr}) && !!({sql})"
        params += p
    return f"SELECT ({expr})::text", params


# Permission tokens (search_document.acl, written by the SQL function search_acl of migration 0005): collection c
# gives c*8 (any status) and c*8 + the status code; an owner or creator u gives -u. A Permission becomes the tokens
# it accepts, so "may see" is one array overlap inside the same GIN index as the text (tsv, acl, fkeys): hidden
# documents are dropped in the index, before any row is read.
STATUS_CODES = {"published": 1, "draft": 2, "in_review": 3, "archived": 4}  # any other status: 5
OTHER_STATUS = 5
MISSING_KEY = -1  # the id of a facet key no document has (search_key ids are positive)


def acl_tokens(permission: Permission) -> list[int]:
    tokens = []
    for c in sorted(permission.collection_ids):
        if permission.statuses is None:
            tokens.append(c * 8)
        else:
            tokens += [c * 8 + STATUS_CODES.get(s, OTHER_STATUS) for s in sorted(permission.statuses)]
    if permission.user_id is not None:
        tokens.append(-permission.user_id)
    return tokens


def filter_keys(query: SearchQuery, parsed: ParsedQuery) -> list[str]:
    """Every `field=value` key the query's filters name (looked up in search_key once per search)."""
    keys = [f"{name}={v}" for name, values in query.filters.items() if FACET_NAME.match(name) for v in values]
    keys += [f"{item.field}={item.value}" for item in parsed.filters if FACET_NAME.match(item.field)]
    return keys


def conditions(
    query: SearchQuery, parsed: ParsedQuery, tsquery: str | None, key_ids: dict[str, int]
) -> tuple[list[str], list]:
    """WHERE clauses over search_document d; `key_ids`: {key: search_key id} of filter_keys()."""
    where, params = [], []
    if tsquery is not None:
        where.append("d.tsv @@ %s::tsquery")
        params.append(tsquery)
    if not query.permission.unrestricted:
        tokens = acl_tokens(query.permission)
        if not tokens:
            return ["false"], []
        where.append("d.acl && %s::bigint[]")
        params.append(tokens)
    for name, values in query.filters.items():
        if not FACET_NAME.match(name):
            return ["false"], []
        where.append("d.fkeys && %s::int[]")
        params.append(sorted({key_ids.get(f"{name}={v}", MISSING_KEY) for v in values}))
    for item in parsed.filters:
        if FACET_NAME.match(item.field):
            where.append(("NOT " if item.negated else "") + "(d.fkeys @> %s::int[])")
            params.append([key_ids.get(f"{item.field}={item.value}", MISSING_KEY)])
    return where or ["true"], params


RANK_CANDIDATES = 500

# Facet counts: the matched rows' key ids grouped as integers, then named through search_key (only the fields asked).
FACETS_SQL = """(SELECT 2, k.key, g.n FROM (SELECT id, count(*)::float8 AS n
                                           FROM (SELECT unnest(m.fkeys) AS id FROM m) u GROUP BY id) g
                 JOIN search_key k ON k.id = g.id WHERE k.field = ANY(%s))"""


def search_sql(
    query: SearchQuery, where: list[str], where_params: list, tsquery: str | None, sort: str
) -> tuple[str, list]:
    """Matches once (materialized, narrow rows), then total, one page of hits and the facet counts from that pass."""
    facets = [f for f in query.facets if FACET_NAME.match(f)]
    facets_sql, facets_params = (f" UNION ALL {FACETS_SQL}", [facets]) if facets else ("", [])
    if not query.hits:
        sql = f"""
            WITH m AS MATERIALIZED (SELECT d.asset_id, d.fkeys FROM search_document d WHERE {" AND ".join(where)})
            SELECT 0, NULL::text, count(*)::float8 FROM m{facets_sql}
        """
        return sql, [*where_params, *facets_params]
    if sort == "relevance" and tsquery is not None:
        # Candidates: the first RANK_CANDIDATES matches in (match in the head fields, recently updated) order,
        # ranked by ts_rank_cd (kind 1). Pages reaching past them continue in that same order, unranked (kind 3):
        # every page of a query comes from one consistent ordering. The head matches (h) come from their own GIN
        # index, computed once (MATERIALIZED: inlined, the planner may re-run it for every match).
        order = "head DESC, updated_at DESC NULLS LAST, asset_id DESC"
        tail_start = max(query.offset, RANK_CANDIDATES)
        tail_count = max(query.offset + query.page_size - tail_start, 0)
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT d.asset_id, d.fkeys, d.updated_at FROM search_document d WHERE {" AND ".join(where)}
            ), h AS MATERIALIZED (
                SELECT t.asset_id FROM search_text t WHERE t.head_tsv @@ %s::tsquery
            ), o AS (
                SELECT m.asset_id, m.updated_at, h.asset_id IS NOT NULL AS head FROM m LEFT JOIN h USING (asset_id)
            ), c AS (SELECT asset_id FROM o ORDER BY {order} LIMIT %s)
            SELECT 0, NULL::text, count(*)::float8 FROM m
            UNION ALL
            (SELECT 1, r.asset_id::text, r.rank FROM (
                SELECT d.asset_id, ts_rank_cd('{WEIGHTS}', d.tsv, %s::tsquery) AS rank
                FROM search_document d JOIN c ON c.asset_id = d.asset_id) r
             ORDER BY r.rank DESC, r.asset_id DESC LIMIT %s OFFSET %s)
            UNION ALL
            (SELECT 3, t.asset_id::text, row_number() OVER (ORDER BY {order})::float8
             FROM (SELECT * FROM o ORDER BY {order} LIMIT %s OFFSET %s) t){facets_sql}
        """
        return sql, [
            *where_params,
            tsquery,
            RANK_CANDIDATES,
            tsquery,
            query.page_size,
            query.offset,
            tail_count,
            tail_start,
            *facets_params,
        ]
    column = "created_at" if sort == "newest" else "updated_at"
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT d.asset_id, d.fkeys, coalesce(extract(epoch FROM d.{column}), 0)::float8 AS sortkey
            FROM search_document d WHERE {" AND ".join(where)}
        )
        SELECT 0, NULL::text, count(*)::float8 FROM m
        UNION ALL
        (SELECT 1, asset_id::text, sortkey FROM m ORDER BY sortkey DESC, asset_id DESC LIMIT %s OFFSET %s){facets_sql}
    """
    return sql, [*where_params, query.page_size, query.offset, *facets_params]


def enough_sql(where: list[str]) -> str:
    """Whether at least %s documents match (reads at most that many rows)."""
    return f"SELECT count(*) FROM (SELECT 1 FROM search_document d WHERE {' AND '.join(where)} LIMIT %s) x"


HITS_SQL = f"""
    SELECT d.asset_id, d.title, d.description, p.number,
           CASE WHEN p.text IS NOT NULL THEN ts_headline('{CONFIG}', p.text, %s::tsquery, %s) END,
           CASE WHEN p.text IS NULL AND to_tsvector('{CONFIG}', d.description) @@ %s::tsquery
                THEN ts_headline('{CONFIG}', d.description, %s::tsquery, %s) END,
           f.number, left(f.text, 400)
    FROM search_text d
    LEFT JOIN LATERAL (
        SELECT sp.number, sp.text FROM search_page sp WHERE sp.asset_id = d.asset_id AND sp.tsv @@ %s::tsquery
        ORDER BY ts_rank_cd(sp.tsv, %s::tsquery) DESC, sp.number LIMIT 1
    ) p ON true
    LEFT JOIN LATERAL (
        SELECT sp.number, sp.text FROM search_page sp WHERE sp.asset_id = d.asset_id ORDER BY sp.number LIMIT 1
    ) f ON true
    WHERE d.asset_id = ANY(%s)
"""

PLAIN_HITS_SQL = """
    SELECT d.asset_id, d.title, d.description, NULL, NULL, NULL, f.number, left(f.text, 400)
    FROM search_text d
    LEFT JOIN LATERAL (
        SELECT sp.number, sp.text FROM search_page sp WHERE sp.asset_id = d.asset_id ORDER BY sp.number LIMIT 1
    ) f ON true
    WHERE d.asset_id = ANY(%s)
"""

FUZZY_SQL = f"""
    SELECT x.s, l.word FROM (SELECT unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s))) AS s) x
    JOIN LATERAL (
        SELECT word FROM search_lexeme WHERE word %% x.s AND word <> x.s ORDER BY similarity(word, x.s) DESC LIMIT 8
    ) l ON true
    WHERE (SELECT count(*) FROM (
        SELECT 1 FROM search_document WHERE tsv @@ plainto_tsquery('simple', x.s) LIMIT 3) r) <= 2
"""
