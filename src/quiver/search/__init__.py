"""Full-text search behind one small interface (engine.py: index, remove, clear, search).

- query.py: user text -> syntax tree (words, "phrases", prefix*, -exclusions, field:value); never fails.
- documents.py: SearchDocument from a library Asset (pages of the current version, tags, collections; facets
  from registered providers). permissions.py: library.policy.visible_assets as a Permission value.
- backends/tantivy/: the embedded engine (index under QUIVER_SEARCH_DIR, one writer = the worker, readers
  reload on commit). One document per asset; page texts stored as the values of `body`; snippets from the best
  page found by substring probes, highlighted in Python (escaped, <mark>). Relaxation ladder: all words, then
  typo-tolerant for rare words, then any word (+ pseudo-relevance feedback for questions of 4+ words).
- backends/postgres/: the scaled-out engine (tables from migration 0001, PostgreSQL only): weighted tsvector +
  GIN, page rows for ts_headline snippets, facets in the same statement, bounded ranking (see its docstring).
- services.py: index_assets / rebuild_index (worker side).
Figures: make bench-relevance (Cranfield), make bench-search (synthetic 100,000 assets).
"""
