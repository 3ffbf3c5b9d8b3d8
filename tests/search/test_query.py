"""Query parsing: the syntax, and (property tests) that no string whatsoever breaks parsing or an engine."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiver.search.engine import Permission, SearchQuery
from quiver.search.query import MAX_CLAUSES, Clause, FieldFilter, Phrase, Term, parse

from .conftest import doc

SYNTAX = st.text(alphabet=st.sampled_from(list("ab -*\":()\\'&|!<>~^%_\x00é漢\n\t")), max_size=40)
ANY_TEXT = st.one_of(st.text(max_size=200), SYNTAX)


def test_words_phrases_prefixes_exclusions_and_filters():
    parsed = parse(
        'pricing "total cost" secu* -draft -"old deck" topic:Cloud region:"North America" x:y',
        fields=["topic", "region"],
    )
    assert parsed.clauses == (
        Clause(Term("pricing")),
        Clause(Phrase("total cost")),
        Clause(Term("secu", prefix=True)),
        Clause(Term("draft"), negated=True),
        Clause(Phrase("old deck"), negated=True),
        Clause(Term("x:y")),
    )
    assert parsed.filters == (FieldFilter("topic", "Cloud"), FieldFilter("region", "North America"))
    assert parsed.words() == ["pricing", "total cost", "secu", "x:y"]


def test_unbalanced_quote_and_punctuation():
    assert parse('"open phrase').clauses == (Clause(Phrase("open phrase")),)
    assert parse("--- *** () ''").clauses == ()
    assert parse("-").is_empty
    assert parse("(pricing),").clauses == (Clause(Term("pricing")),)


def test_unknown_field_is_text_and_field_names_are_case_insensitive():
    assert parse("Topic:AI", fields=["topic"]).filters == (FieldFilter("topic", "AI"),)
    assert parse("http://example.com").clauses[0].node.text == "http://example.com"


def test_bounded():
    parsed = parse(" ".join(f"w{i}" for i in range(1000)))
    assert len(parsed.clauses) == MAX_CLAUSES
    assert parse(None).is_empty and parse(12).clauses == (Clause(Term("12")),)


@given(ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_parse_never_fails(text):
    parsed = parse(text, fields=["topic"])
    assert len(parsed.clauses) + len(parsed.filters) <= MAX_CLAUSES
    for clause in parsed.clauses:
        assert clause.node.text.strip()


@given(
    text=ANY_TEXT,
    sort=st.sampled_from(["relevance", "newest", "updated", "bogus"]),
    page=st.integers(-5, 10**6),
    page_size=st.integers(-5, 10**4),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_query_breaks_an_engine(engine, text, sort, page, page_size):
    if not getattr(engine, "_seeded", False):
        engine.index([doc(1, "Pricing deck", "cost of ownership"), doc(2, "Security", "zero trust")])
        engine._seeded = True
    result = engine.search(
        SearchQuery(
            text=text,
            sort=sort,
            page=page,
            page_size=page_size,
            permission=Permission(collection_ids=frozenset({1})),
            facets=("topic", "tag"),
            filters={"topic": (text,)} if text[:1] == "a" else {},
        )
    )
    assert result.total >= len(result.hits) >= 0
