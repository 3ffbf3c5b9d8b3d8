"""The embedded engine: a Tantivy index in the data directory. One writer (the worker), any number of readers."""

from __future__ import annotations

import threading
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from ...engine import FACET_NAME, Hit, SearchBackend, SearchDocument, SearchQuery, SearchResult, relaxation_ladder
from ...highlight import best_fragment, plain_excerpt
from ...query import parse
from . import feedback
from .query import QueryBuilder, filter_queries, permission_query
from .schema import ANALYZER, SCHEMA_VERSION, analyzer, build_schema, plain_analyzer, to_tantivy

SNIPPET_CHARS = 180
WRITER_HEAP = 128 * 1024 * 1024


class TantivyBackend(SearchBackend):
    name = "tantivy"

    @classmethod
    def from_settings(cls, settings) -> TantivyBackend:
        return cls(settings.QUIVER_SEARCH_DIR)

    def __init__(self, directory: Path | str | None, writer_threads: int = 1, writer_heap: int = WRITER_HEAP):
        self.schema = build_schema()
        self.analyzer, self.plain = analyzer(), plain_analyzer()
        if directory is None:
            self.path = None
            self.tindex = tantivy.Index(self.schema)
        else:
            self.path = Path(directory) / f"v{SCHEMA_VERSION}"
            self.path.mkdir(parents=True, exist_ok=True)
            self.tindex = tantivy.Index(self.schema, path=str(self.path))
        self.tindex.register_tokenizer(ANALYZER, self.analyzer)
        self._writer = None
        self._writer_args = (writer_heap, writer_threads)
        self._lock = threading.Lock()
        self._meta_mtime = self._mtime()

    # -- writing (the worker) -------------------------------------------------------------------------------------
    def _get_writer(self):
        if self._writer is None:
            self._writer = self.tindex.writer(*self._writer_args)
        return self._writer

    def _commit(self):
        self._writer.commit()
        self.tindex.reload()
        self._meta_mtime = self._mtime()

    def index_many(self, docs, batch: int = 10_000, fresh: bool = False) -> int:
        """Bulk load: commits every `batch` documents. `fresh`: the ids are new (skip the delete of old copies)."""
        count = 0
        with self._lock:
            writer = self._get_writer()
            for doc in docs:
                if not fresh:
                    writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_tantivy(doc))
                count += 1
                if count % batch == 0:
                    writer.commit()
            self._commit()
        return count

    def index(self, docs: list[SearchDocument]) -> None:
        self.index_many(docs)

    def remove(self, ids: list[int]) -> None:
        with self._lock:
            writer = self._get_writer()
            for pk in ids:
                writer.delete_documents_by_term("id", int(pk))
            self._commit()

    def clear(self) -> None:
        with self._lock:
            self._get_writer().delete_all_documents()
            self._commit()

    def close_writer(self) -> None:
        """Release the writer lock (and wait for merges)."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    # -- reading (every process) ----------------------------------------------------------------------------------
    def _mtime(self) -> tuple:
        """A signature of meta.json that changes with every commit: tantivy replaces the file (new inode), and
        two commits within one coarse file-time tick (~4 ms) would share an mtime."""
        if self.path is None:
            return ()
        try:
            st = (self.path / "meta.json").stat()
        except OSError:
            return ()
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _searcher(self) -> tantivy.Searcher:
        mtime = self._mtime()
        if mtime != self._meta_mtime:  # another process committed
            self.tindex.reload()
            self._meta_mtime = mtime
        return self.tindex.searcher()

    def search(self, query: SearchQuery) -> SearchResult:
        searcher = self._searcher()
        parsed = parse(query.text, fields=query.filterable_fields())
        builder = QueryBuilder(self.schema, self.analyzer, self.plain, searcher)
        restrictions = filter_queries(self.schema, query.filters, parsed)
        perm = permission_query(self.schema, query.permission)
        if perm is not None:
            restrictions.append((Occur.Must, perm))
        restrictions = [
            (occur, Query.const_score_query(q, 0.0) if occur == Occur.Must else q) for occur, q in restrictions
        ]
        sort_field = {"newest": "created", "updated": "updated"}.get(query.sort)
        if parsed.is_empty and sort_field is None:
            sort_field = "updated"
        kwargs = {"order_by_field": sort_field} if sort_field else {}
        for relaxed, fuzzy, any_term in relaxation_ladder(parsed, builder.typo_candidates(parsed), query.step):  # noqa: B007 (read after)
            text = builder.text(parsed, fuzzy=fuzzy, any_term=any_term)
            clauses = [(Occur.Must, text if text is not None else Query.all_query())] + restrictions
            full = clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)
            result = searcher.search(full, limit=query.page_size, offset=query.offset, count=True, **kwargs)
            if result.count >= query.relax_below or query.step is not None:
                break
        if (
            relaxed == "any"
            and len(parsed.positive) >= feedback.MIN_WORDS
            and query.feedback
            and sort_field is None
            and text is not None
            and query.hits
        ):
            full, result = self._with_feedback(searcher, builder, parsed, text, restrictions, query)
        hits = []
        if query.hits:
            hits = self._hits(searcher, result.hits, builder.highlight_terms(parsed), sort_field is None)
        facets = self._facets(searcher, full, query) if query.facets else {}
        return SearchResult(total=result.count, hits=hits, facets=facets, relaxed=relaxed)

    def _with_feedback(self, searcher, builder, parsed, text, restrictions, query):
        """Re-rank a relaxed query with terms from its own top documents (feedback.py)."""
        first = Query.boolean_query([(Occur.Must, text)] + restrictions)
        top = searcher.search(first, limit=feedback.FEEDBACK_DOCS).hits
        expansion = feedback.expansion_query(searcher, self.schema, self.analyzer, top, builder.highlight_terms(parsed))
        if expansion is not None:
            text = Query.boolean_query([(Occur.Must, text), (Occur.Should, expansion)])
        full = Query.boolean_query([(Occur.Must, text)] + restrictions)
        return full, searcher.search(full, limit=query.page_size, offset=query.offset, count=True)

    def _hits(self, searcher, raw_hits, terms: set[str], scored: bool) -> list[Hit]:
        probes = {t[:-1] if len(t) > 4 else t for t in terms}
        hits = []
        for key, address in raw_hits:
            doc = searcher.doc(address)
            snippet, page = self._snippet(doc, terms, probes)
            hits.append(
                Hit(
                    id=doc.get_first("id"),
                    score=float(key) if scored else 0.0,
                    title=doc.get_first("title") or "",
                    snippet=snippet,
                    page=page,
                )
            )
        return hits

    def _marked(self, text: str, terms: set[str]) -> str | None:
        """`text` analysed like the index; the stretch with the most query terms, marked; None without any."""
        spans = [
            (t.char_offset_from, t.char_offset_to) for t in self.analyzer.pre_tokenize(text).tokens if t.text in terms
        ]
        return best_fragment(text, spans, SNIPPET_CHARS) if spans else None

    def _snippet(self, doc, terms: set[str], probes: set[str]) -> tuple[str, int | None]:
        """The best page is found cheaply (substring probes of the indexed terms), then only a window of it is
        analysed: analysing a whole 5,000-word body per hit costs ~2 ms."""
        bodies, numbers = doc.get_all("body"), doc.get_all("page")
        if terms:
            for i in _candidate_pages(bodies, probes)[:2]:
                marked = self._marked(_window(bodies[i], probes), terms)
                if marked:
                    return marked, numbers[i]
            marked = self._marked(doc.get_first("description") or "", terms)
            if marked:
                return marked, None
        description = doc.get_first("description") or ""
        if description:
            return plain_excerpt(description), None
        return plain_excerpt(bodies[0] if bodies else ""), (numbers[0] if numbers else None)

    def _facets(self, searcher, full_query, query: SearchQuery) -> dict[str, list[tuple[str, int]]]:
        names = [name for name in dict.fromkeys(query.facets) if FACET_NAME.match(name)]
        aggs = {f"a{i}": {"terms": {"field": f"f.{name}", "size": query.facet_size}} for i, name in enumerate(names)}
        if not aggs:
            return {name: [] for name in query.facets}
        result = searcher.aggregate(full_query, aggs)
        out = {name: [] for name in query.facets}
        for i, name in enumerate(names):
            buckets = result.get(f"a{i}", {}).get("buckets", [])
            out[name] = sorted(((str(b["key"]), int(b["doc_count"])) for b in buckets), key=lambda kv: (-kv[1], kv[0]))
        return out


def _window(text: str, probes: set[str], before: int = 250, after: int = 450) -> str:
    """The part of a page around its first probe (snippets are ~180 characters; analysing less is faster)."""
    if len(text) <= before + after:
        return text
    lower = text.lower()
    found = [pos for p in probes if (pos := lower.find(p)) >= 0]
    first = min(found) if found else 0
    start = max(text.rfind(" ", 0, max(first - before, 0)) + 1, 0) if first > before else 0
    end = text.find(" ", first + after)
    return text[start:] if end < 0 else text[start:end]


def _candidate_pages(bodies: list[str], probes: set[str]) -> list[int]:
    """Page indexes that contain probes, most distinct probes (then most occurrences) first."""
    scored = []
    for i, text in enumerate(bodies):
        lower = text.lower()
        counts = [lower.count(p) for p in probes]
        present = sum(1 for c in counts if c)
        if present:
            scored.append((-present, -sum(counts), i))
    return [i for _, _, i in sorted(scored)]
