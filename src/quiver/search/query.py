"""User query text -> an engine-neutral syntax tree.

Syntax: words (all required), "exact phrases", prefixes (pric*), exclusions (-word, -"a phrase"), and
field:value filters (field:"two words") for the fields the caller names. Anything else is read as words: parsing
never fails, whatever the input (property-tested), and the result is bounded in size.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 24
MAX_TERM_CHARS = 80

_TOKEN = re.compile(r'(-?)(?:([A-Za-z_][A-Za-z0-9_]{0,39}):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Clause:
    node: Term | Phrase
    negated: bool = False


@dataclass(frozen=True)
class FieldFilter:
    field: str
    value: str
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    filters: tuple[FieldFilter, ...] = ()

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    @property
    def is_empty(self) -> bool:
        return not self.positive

    def words(self) -> list[str]:
        """The raw text of the positive clauses (for highlighting and logs)."""
        return [c.node.text for c in self.positive]


def clean(text: object) -> str:
    """Printable text only, whitespace collapsed, bounded length."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text[: MAX_QUERY_CHARS * 2])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _has_word(text: str) -> bool:
    return bool(_WORD.search(text))


def _strip_word(raw: str) -> tuple[str, bool]:
    """A bare token: surrounding punctuation removed; a trailing * makes a prefix."""
    prefix = raw.endswith("*")
    text = raw.strip("*").strip("\"'.,;:!?()[]{}<>").strip()
    return text[:MAX_TERM_CHARS], prefix and bool(text)


def parse(text: object, fields: Iterable[str] = ()) -> ParsedQuery:
    """Parse user text. `fields` names the filterable fields that `field:value` may address."""
    known = {f.lower(): f for f in fields}
    clauses: list[Clause] = []
    filters: list[FieldFilter] = []
    seen: set = set()
    for match in _TOKEN.finditer(clean(text)):
        if len(clauses) + len(filters) >= MAX_CLAUSES:
            break
        negated = match.group(1) == "-"
        name, quoted, bare = match.group(2), match.group(3), match.group(4)
        if name and name.lower() in known:
            value = (quoted if quoted is not None else _strip_word(bare or "")[0]).strip()[:MAX_TERM_CHARS]
            item = FieldFilter(known[name.lower()], value, negated)
            if value and item not in seen:
                seen.add(item)
                filters.append(item)
            continue
        if name:  # an unknown field: the whole token is text
            bare = f"{name}:{quoted if quoted is not None else bare}"
            quoted = None
        if quoted is not None:
            phrase = " ".join(quoted.split())[: MAX_TERM_CHARS * 4]
            node: Term | Phrase | None = Phrase(phrase) if _has_word(phrase) else None
        else:
            word, prefix = _strip_word(bare or "")
            node = Term(word, prefix) if _has_word(word) else None
        if node is not None and (node, negated) not in seen:
            seen.add((node, negated))
            clauses.append(Clause(node, negated))
    return ParsedQuery(tuple(clauses), tuple(filters))
