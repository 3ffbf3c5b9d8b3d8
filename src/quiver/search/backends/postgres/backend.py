"""The scaled-out engine: PostgreSQL full-text search in the database itself (app servers stay stateless).

Weighted tsvector (A title, B tags and facet values, C description, D page text); one page row per page/slide (its
own tsvector) for the best-matching page and ts_headline snippets; facet counts in the same statement as the hits;
typo tolerance from a trigram-indexed table of indexed lexemes (pg_trgm).

Matching rows are narrow (search_document: dates, permission tokens `acl`, facet key ids `fkeys`, the TOASTed
tsvector) under one GIN index over (tsv, acl, fkeys): the words, the reader's permission and the facet filters are
intersected inside the index, so a hidden or filtered-out document is never read. Title, description and the
head tsvector live in search_text (read for the page of hits, and for head matches through their own GIN index).

Ranking reads each candidate's whole tsvector (tens of KB, TOASTed), so it is bounded: all matches are counted
and faceted, but at most RANK_CANDIDATES of them are ranked by ts_rank_cd -- those matching in the title, tags,
facet values or description first, then the most recently updated. A query matching fewer documents is ranked
exactly.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction

from ...engine import FACET_NAME, Hit, SearchBackend, SearchDocument, SearchQuery, SearchResult, relaxation_ladder
from ...highlight import clean_text, mark_sentinels, plain_excerpt
from ...query import ParsedQuery, Term, parse
from . import sql as q

MAX_BODY_CHARS = 400_000  # a tsvector is limited to 1 MB
MAX_PAGE_CHARS = 100_000

_HEAD = (
    f"setweight(to_tsvector('{q.CONFIG}', %s), 'A') || setweight(to_tsvector('{q.CONFIG}', %s), 'B') "
    f"|| setweight(to_tsvector('{q.CONFIG}', %s), 'C')"
)
# Writing one asset: its facet keys into the search_key dictionary (sorted: concurrent writers take the same order),
# pages first (the foreign keys are deferred), its text row (title, description, head_tsv), then its narrow
# matching row, once, whole: permission tokens, key ids, and the tsvector (head, then its pages as weight D).
KEYS_SQL = """
    INSERT INTO search_key (field, key) SELECT DISTINCT split_part(k, '=', 1), k FROM unnest(%s::text[]) k ORDER BY 2
    ON CONFLICT (key) DO NOTHING
"""
TEXT_SQL = f"""
    INSERT INTO search_text (asset_id, title, description, head_tsv) VALUES (%s, %s, %s, {_HEAD})
    ON CONFLICT (asset_id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
        head_tsv = EXCLUDED.head_tsv
"""
UPSERT_SQL = """
    INSERT INTO search_document (asset_id, collection_ids, status, owner_id, created_by_id, created_at, updated_at,
                                 acl, fkeys, tsv)
    SELECT v.asset_id, v.collection_ids, v.status, v.owner_id, v.created_by_id, v.created_at, v.updated_at,
           search_acl(v.collection_ids, v.status, v.owner_id, v.created_by_id),
           (SELECT coalesce(array_agg(k.id ORDER BY k.id), '{}') FROM search_key k WHERE k.key = ANY(v.keys)),
           (SELECT t.head_tsv FROM search_text t WHERE t.asset_id = v.asset_id)
           || coalesce(setweight((SELECT search_tsvector_agg(p.tsv ORDER BY p.number) FROM search_page p
                                  WHERE p.asset_id = v.asset_id), 'D'), ''::tsvector)
    FROM (SELECT %s::bigint AS asset_id, %s::text[] AS keys, %s::bigint[] AS collection_ids, %s::varchar AS status,
                 %s::bigint AS owner_id, %s::bigint AS created_by_id, %s::timestamptz AS created_at,
                 %s::timestamptz AS updated_at) v
    ON CONFLICT (asset_id) DO UPDATE SET collection_ids = EXCLUDED.collection_ids, status = EXCLUDED.status,
        owner_id = EXCLUDED.owner_id, created_by_id = EXCLUDED.created_by_id, created_at = EXCLUDED.created_at,
        updated_at = EXCLUDED.updated_at, acl = EXCLUDED.acl, fkeys = EXCLUDED.fkeys, tsv = EXCLUDED.tsv
"""
PAGE_SQL = f"INSERT INTO search_page (asset_id, number, text, tsv) VALUES (%s, %s, %s, to_tsvector('{q.CONFIG}', %s))"
LEXEME_SQL = """
    INSERT INTO search_lexeme (word)
    SELECT DISTINCT w FROM search_document d, unnest(tsvector_to_array(d.tsv)) w WHERE d.asset_id = ANY(%s)
    ON CONFLICT DO NOTHING
"""


# For text queries: the GIN index even for common words. A sequential scan evaluates `tsv @@ query` on every row,
# reading each document's whole tsvector (measured at 100,000 documents: 2.6 s vs 0.5 s cold for a word in 72%);
# a bitmap scan with exact (non-lossy) pages never reads them.
# JIT compiles expressions once a plan's estimated cost passes jit_above_cost: 50-150 ms spent on queries that run
# in less; never worth it here.
SESSION_SQL = "SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '32MB'; SET LOCAL jit = off"


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment), stopping early beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class PostgresBackend(SearchBackend):
    name = "postgres"

    @classmethod
    def configuration_problems(cls, settings) -> list[str]:
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            return [f"the postgres search backend needs a PostgreSQL database (QUIVER_DATABASE_URL), not {engine}"]
        return []

    # -- writing ---------------------------------------------------------------------------------------------------
    def index(self, docs: list[SearchDocument], lexemes: bool = True) -> None:
        """`lexemes=False` for bulk loads, which call refresh_lexemes() once at the end."""
        docs = list(docs)
        if not docs:
            return
        ids = [d.id for d in docs]
        rows, texts, pages, all_keys = [], [], [], set()
        for doc in docs:
            keys = [f"{name}={v}" for name, vals in doc.facet_values().items() if FACET_NAME.match(name) for v in vals]
            all_keys.update(keys)
            texts.append(
                (
                    doc.id,
                    clean_text(doc.title),
                    clean_text(doc.description),
                    clean_text(doc.title),
                    clean_text(doc.facet_text()),
                    clean_text(doc.description),
                )
            )
            rows.append(
                (
                    doc.id,
                    keys,
                    list(doc.collection_ids),
                    doc.status,
                    doc.owner_id,
                    doc.created_by_id,
                    doc.created_at,
                    doc.updated_at,
                )
            )
            budget = MAX_BODY_CHARS
            for number, text in doc.pages:
                text = clean_text(text)[: min(MAX_PAGE_CHARS, budget)]
                if text:
                    budget -= len(text)
                    pages.append((doc.id, number, text, text))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(KEYS_SQL, [sorted(all_keys)])
            cursor.execute("DELETE FROM search_page WHERE asset_id = ANY(%s)", [ids])
            if pages:
                cursor.executemany(PAGE_SQL, pages)
            cursor.executemany(TEXT_SQL, texts)
            cursor.executemany(UPSERT_SQL, rows)
            if lexemes:
                cursor.execute(LEXEME_SQL, [ids])

    def refresh_lexemes(self) -> None:
        """The vocabulary of typo tolerance, from every indexed document at once (after a bulk load)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_lexeme (word) "
                "SELECT word FROM ts_stat('SELECT tsv FROM search_document') ON CONFLICT DO NOTHING"
            )

    def remove(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE asset_id = ANY(%s)", [[int(i) for i in ids]])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_page")
            cursor.execute("DELETE FROM search_text")
            cursor.execute("DELETE FROM search_document")

    # -- reading ---------------------------------------------------------------------------------------------------
    def _tsquery(self, cursor, parsed: ParsedQuery, expansions: dict, any_term: bool) -> str | None:
        if parsed.is_empty and not parsed.negative:
            return None
        sql, params = q.tsquery_sql(parsed, any_term, expansions)
        cursor.execute(sql, params)
        text = cursor.fetchone()[0]
        if not text:
            return None if parsed.is_empty else ""
        return text

    def _expansions(self, cursor, parsed: ParsedQuery) -> dict[str, list[str]]:
        out = {}
        for clause in parsed.positive:
            node = clause.node
            if not isinstance(node, Term) or node.prefix or len(node.text) < 4:
                continue
            cursor.execute(q.FUZZY_SQL, [node.text])
            limit = 1 if len(node.text) < 8 else 2
            found = [word for stem, word in cursor.fetchall() if _edit_distance(stem, word, limit) <= limit]
            if found:
                out[node.text] = found[:4]
        return out

    def _key_ids(self, cursor, keys: list[str]) -> dict[str, int]:
        if not keys:
            return {}
        cursor.execute("SELECT key, id FROM search_key WHERE key = ANY(%s)", [keys])
        return dict(cursor.fetchall())

    @contextmanager
    def _reading(self, query: SearchQuery):
        """One transaction with the search session settings: (cursor, parsed query)."""
        parsed = parse(query.text, fields=query.filterable_fields())
        with transaction.atomic(), connection.cursor() as cursor:
            if not parsed.is_empty:
                cursor.execute(SESSION_SQL)
            yield cursor, parsed

    def _steps(self, cursor, query: SearchQuery, parsed: ParsedQuery):
        """(relaxation step, tsquery text, WHERE clauses, their params) for each step of the ladder that can run;
        a tsquery of "" means only stop words (nothing can match)."""
        key_ids = self._key_ids(cursor, q.filter_keys(query, parsed))
        expansions = {}
        for relaxed, fuzzy, any_term in relaxation_ladder(parsed, step=query.step):
            if fuzzy:  # looked up only when every word exactly gave too few hits
                expansions = self._expansions(cursor, parsed)
                if not expansions:
                    continue
            tsquery = self._tsquery(cursor, parsed, expansions if fuzzy else {}, any_term)
            yield (relaxed, tsquery, *q.conditions(query, parsed, tsquery, key_ids))

    def relaxation_step(self, query: SearchQuery) -> str:
        """Counts at most relax_below matches per step (a common word's tens of thousands are never read)."""
        used = ""
        with self._reading(query) as (cursor, parsed):
            for used, tsquery, where, params in self._steps(cursor, query, parsed):  # noqa: B007 (read after)
                if tsquery == "":
                    break
                cursor.execute(q.enough_sql(where), [*params, query.relax_below])
                if cursor.fetchone()[0] >= query.relax_below or query.step is not None:
                    break
        return used

    def search(self, query: SearchQuery) -> SearchResult:
        with self._reading(query) as (cursor, parsed):
            used = ""
            for used, tsquery, where, params in self._steps(cursor, query, parsed):  # noqa: B007 (read after)
                if tsquery == "":  # only stop words: nothing can match
                    return SearchResult(total=0, hits=[], facets={name: [] for name in query.facets})
                sort = "updated" if tsquery is None and query.sort == "relevance" else query.sort
                cursor.execute(*q.search_sql(query, where, params, tsquery, sort))
                rows = cursor.fetchall()
                total = int(next(v for kind, _, v in rows if kind == 0))
                if total >= query.relax_below or query.step is not None:
                    break
            ranked = sorted(((float(v), int(k)) for kind, k, v in rows if kind == 1), reverse=True)
            ranked += [(0.0, int(k)) for _, k, v in sorted((r for r in rows if r[0] == 3), key=lambda r: r[2])]
            ranked = ranked[: query.page_size]
            hits = self._hits(cursor, ranked, tsquery, scored=sort == "relevance" and bool(tsquery))
        facets = {name: [] for name in query.facets}
        for kind, key, value in rows:
            if kind == 2:
                name, _, val = key.partition("=")
                facets.setdefault(name, []).append((val, int(value)))
        for name in facets:
            facets[name] = sorted(facets[name], key=lambda kv: (-kv[1], kv[0]))[: query.facet_size]
        return SearchResult(total=total, hits=hits, facets=facets, relaxed=used)

    def _hits(self, cursor, ranked: list[tuple[float, int]], tsquery: str | None, scored: bool) -> list[Hit]:
        ids = [pk for _, pk in ranked]
        if not ids:
            return []
        if tsquery:
            cursor.execute(q.HITS_SQL, [tsquery, q.HEADLINE, tsquery, tsquery, q.HEADLINE, tsquery, tsquery, ids])
        else:
            cursor.execute(q.PLAIN_HITS_SQL, [ids])
        rows = {row[0]: row for row in cursor.fetchall()}
        hits = []
        for score, pk in ranked:
            _, title, description, page, page_snip, desc_snip, first_page, first_text = rows[pk]
            if page_snip:
                snippet = mark_sentinels(page_snip)
            elif desc_snip:
                snippet, page = mark_sentinels(desc_snip), None
            elif description:
                snippet, page = plain_excerpt(description), None
            else:
                snippet, page = plain_excerpt(first_text or ""), first_page
            hits.append(Hit(id=pk, score=score if scored else 0.0, title=title, snippet=snippet, page=page))
        return hits
