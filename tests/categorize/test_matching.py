"""Every matching algorithm on text extracted from real PDFs, with case sensitivity and evidence pages."""

import time

import pytest
from django.core.exceptions import ValidationError

from quiver.categorize import matching
from quiver.categorize.models import MatchingRule, SuggestionStatus

from .conftest import rule, run

PAGES = [
    "Quarterly overview of the Corvana platform",
    "Our Net Revenue Retention reached 120 percent in retail banking",
    "Pricing: the enterprise plan is billed annually",
]


def applied(asset, field="tags"):
    return {s.value for s in run(asset) if s.field == field and s.status == SuggestionStatus.AUTO_APPLIED}


@pytest.fixture
def deck(ingest):
    return ingest(PAGES, title="Corvana overview")


@pytest.mark.parametrize(
    "algorithm,pattern,expected",
    [
        ("any", "banking insurance", True),
        ("any", "insurance brokerage", False),
        ("all", "retail banking annually", True),
        ("all", "retail banking insurance", False),
        ("exact", "net revenue retention", True),
        ("exact", "revenue net retention", False),
        ("regex", r"\d+ percent", True),
        ("regex", r"^\d{5}$", False),
        ("fuzzy", "net revenue retension", True),
        ("fuzzy", "gross margin expansion", False),
    ],
)
def test_each_algorithm(deck, algorithm, pattern, expected):
    rule("tags", "finance", algorithm, pattern)
    assert ("finance" in applied(deck)) is expected
    if expected:
        assert "finance" in {t.name for t in deck.tags.all()}


def test_whole_words_only(deck):
    rule("tags", "plan", "any", "plat")  # a prefix of "platform" is not the word
    assert applied(deck) == set()


@pytest.mark.parametrize(
    "algorithm,pattern",
    [
        ("any", "CORVANA"),
        ("exact", "NET REVENUE"),
        ("regex", "PRICING"),
        ("all", "RETAIL BANKING"),
        ("fuzzy", "NET REVENUE RETENTION"),
    ],
)
def test_case_sensitivity(ingest, algorithm, pattern):
    asset = ingest(PAGES)
    insensitive = rule("tags", "loose", algorithm, pattern)
    rule("tags", "strict", algorithm, pattern, case_sensitive=True)
    got = applied(asset)
    assert "loose" in got and "strict" not in got, (insensitive, got)


def test_case_sensitive_match_when_case_agrees(deck):
    rule("tags", "brand", "exact", "Net Revenue Retention", case_sensitive=True)
    assert applied(deck) == {"brand"}


def test_evidence_names_words_and_page(deck):
    rule("tags", "pricing", "any", "annually enterprise")
    [s] = run(deck)
    assert s.page == 3
    assert {e["text"].lower() for e in s.evidence} >= {"annually", "enterprise"}
    assert all(e["page"] == 3 for e in s.evidence)


def test_evidence_from_title_has_no_page(deck):
    rule("tags", "brand", "exact", "Corvana overview")
    [s] = run(deck)
    assert s.evidence[0]["page"] is None or s.evidence[0]["page"] == 1


def test_quoted_phrases_stay_together(deck):
    rule("tags", "nrr", "all", '"net revenue retention" retail')
    rule("tags", "wrong", "all", '"retention net" retail')
    assert applied(deck) == {"nrr"}


def test_fuzzy_confidence_is_the_similarity(deck):
    rule("tags", "nrr", "fuzzy", "net revenue retantion")
    [s] = run(deck)
    assert 0.8 <= s.confidence < 1.0


def test_none_and_learned_rules_are_not_text_rules(deck):
    rule("tags", "never", "none", "Corvana")
    rule("tags", "model", "learned", "Corvana")
    assert run(deck) == []


def test_facet_value_rule(deck):
    rule("industry", "Financial services", "any", "banking")
    assert applied(deck, "industry") == {"Financial services"}
    assert deck.facet_assignments.get(value__field__slug="industry").source == "rule"


def test_scan_is_capped(ingest, settings):
    texts = [(1, "x " * 100_000), (2, "needle")]
    capped = matching.capped(texts, limit=1000)
    assert sum(len(t) for _, t in capped) == 1000
    assert all("needle" not in t for _, t in capped)


def test_hostile_regex_runs_in_linear_time():
    hostile = MatchingRule(algorithm="regex", pattern="(a+)+$")
    texts = [(1, "a" * 150_000 + "!")]
    started = time.monotonic()
    assert matching.match(hostile, matching.capped(texts)) is None
    assert time.monotonic() - started < 1.0


def test_hostile_regex_on_an_asset_returns_fast(ingest):
    asset = ingest([" ".join(["a" * 60 + "!"] * 40)])
    rule("tags", "evil", "regex", "(a|aa)+b")  # exponential for a backtracking engine on every run of a's
    rule("tags", "evil-too", "regex", "(x+x+)+y")
    started = time.monotonic()
    assert run(asset) == []
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?<=x)y", r"(?!a)b", "(unclosed", "x" * 1001])
def test_patterns_re2_cannot_run_are_refused(pattern):
    with pytest.raises(ValidationError) as err:
        matching.validate("regex", pattern)
    assert "pattern" in err.value.message_dict


def test_a_bad_stored_pattern_never_breaks_categorization(deck):
    rule("tags", "broken", "regex", r"(a)\1")
    rule("tags", "fine", "any", "Corvana")
    assert applied(deck) == {"fine"}


def test_fuzzy_on_the_longest_scanned_text_stays_quick():
    words = [f"w{i % 997}x{i % 13}" for i in range(40_000)]
    words[5000:5003] = ["nett", "revnue", "retension"]
    texts = matching.capped([(n + 1, " ".join(words[n * 4000 : (n + 1) * 4000])) for n in range(10)])
    started = time.monotonic()
    found = matching.match(MatchingRule(algorithm="fuzzy", pattern="net revenue retention"), texts)
    assert time.monotonic() - started < 3.0  # ~75 ms quiet; a loaded CI machine is slower, never 40x
    assert found.confidence > 0.85 and found.evidence == [{"text": "nett revnue retension", "page": 2}]
