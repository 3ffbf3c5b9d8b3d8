"""The rule engine: does a matching rule find its value in an asset's text, and where?

Texts are (page, text) pairs: page None for the title and description, AssetPage.number for extracted pages. At
most QUIVER_MATCH_MAX_CHARS characters are scanned per asset (a huge spreadsheet cannot stall a worker). User regular
expressions run on RE2 (linear time: no catastrophic backtracking); a pattern RE2 cannot compile is refused.
Words and phrases are escaped literals; fuzzy phrases use difflib over word windows of the phrase's length."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import re2
from django.conf import settings
from django.core.exceptions import ValidationError

from .models import MatchingAlgorithm, MatchingRule

MAX_PATTERN_CHARS = 1000
MAX_EVIDENCE = 5
FUZZY_MIN_RATIO = 0.8
RE2_MAX_MEM = 8 << 20

Texts = list[tuple[int | None, str]]
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass
class Match:
    confidence: float
    evidence: list[dict] = field(default_factory=list)  # [{"text": str, "page": int|None}]

    @property
    def page(self) -> int | None:
        """The page where most of the evidence is (the first of those on a tie); None if only the title matched."""
        pages = [e["page"] for e in self.evidence if e["page"] is not None]
        return max(dict.fromkeys(pages), key=pages.count) if pages else None


def capped(texts: Texts, limit: int | None = None) -> Texts:
    """The texts, cut so that their total length stays within the scan limit."""
    left, out = limit or settings.QUIVER_MATCH_MAX_CHARS, []
    for page, text in texts:
        if left <= 0:
            break
        text = (text or "")[:left]
        left -= len(text)
        if text:
            out.append((page, text))
    return out


def words(pattern: str) -> list[str]:
    """A rule's words: whitespace-separated, quoted phrases kept together ("net revenue" retention)."""
    found = re.findall(r'"([^"]+)"|(\S+)', pattern or "")
    return [" ".join((quoted or bare).split()) for quoted, bare in found if (quoted or bare).strip()]


# --- regular expressions -------------------------------------------------------------------------------------


def compile_regex(pattern: str, case_sensitive: bool):
    """An RE2 regex, or a ValidationError saying why the pattern is refused."""
    if len(pattern or "") > MAX_PATTERN_CHARS:
        raise ValidationError({"pattern": [f"A pattern has at most {MAX_PATTERN_CHARS} characters."]})
    if not (pattern or "").strip():
        raise ValidationError({"pattern": ["A regular expression is required."]})
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.max_mem = RE2_MAX_MEM
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        reason = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        message = (
            f"This regular expression cannot be used: {reason}. Quiver runs regular expressions in linear "
            "time (RE2): back-references and look-around are not supported."
        )
        raise ValidationError({"pattern": [message]}) from None


def validate(algorithm: str, pattern: str, case_sensitive: bool = False) -> None:
    """Refuse a rule that could never run (raises ValidationError)."""
    if algorithm == MatchingAlgorithm.REGEX:
        compile_regex(pattern, case_sensitive)
    elif algorithm in (MatchingAlgorithm.ANY, MatchingAlgorithm.ALL, MatchingAlgorithm.EXACT, MatchingAlgorithm.FUZZY):
        if len(pattern or "") > MAX_PATTERN_CHARS:
            raise ValidationError({"pattern": [f"A pattern has at most {MAX_PATTERN_CHARS} characters."]})
        if not words(pattern):
            raise ValidationError({"pattern": ["This algorithm needs words to look for."]})


# --- the algorithms --------------------------------------------------------------------------------------------


def _literal(phrase: str, case_sensitive: bool) -> re.Pattern:
    """A whole-word literal (escaped: no user syntax reaches the regex engine), spaces matching any whitespace."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def _find(regex, texts: Texts, limit: int = MAX_EVIDENCE) -> list[dict]:
    hits = []
    for page, text in texts:
        for m in regex.finditer(text):
            if m.group(0):
                hits.append({"text": m.group(0)[:200], "page": page})
                if len(hits) >= limit:
                    return hits
    return hits


def _match_words(rule: MatchingRule, texts: Texts, need_all: bool) -> Match | None:
    terms = words(rule.pattern)
    evidence, found = [], 0
    for term in terms:
        hits = _find(_literal(term, rule.case_sensitive), texts, limit=2)
        if hits:
            found += 1
            evidence.extend(hits)
        elif need_all:
            return None
    if not found:
        return None
    return Match(1.0, evidence[:MAX_EVIDENCE])


def _match_exact(rule: MatchingRule, texts: Texts) -> Match | None:
    phrase = " ".join((rule.pattern or "").split())
    hits = _find(_literal(phrase, rule.case_sensitive), texts) if phrase else []
    return Match(1.0, hits) if hits else None


def _match_regex(rule: MatchingRule, texts: Texts) -> Match | None:
    try:
        regex = compile_regex(rule.pattern, rule.case_sensitive)
    except ValidationError:
        return None  # refused when saved; an old bad row never breaks categorization
    hits = _find(regex, texts)
    return Match(1.0, hits) if hits else None


@lru_cache(maxsize=32)
def _tokens(text: str, case_sensitive: bool) -> tuple[str, ...]:
    """Words of a text (cached: every fuzzy rule of a run reads the same pages)."""
    return tuple(_WORD.findall(text if case_sensitive else text.lower()))


def _near(tokens: list[str], phrase_tokens: list[str]) -> list[int]:
    """Prefix sums of "this token could be a typo of a phrase word" (same first or last two letters): a cheap
    filter before difflib, so only windows holding enough such tokens are compared."""
    heads, tails = {t[:2] for t in phrase_tokens}, {t[-2:] for t in phrase_tokens}
    sums = [0]
    for t in tokens:
        sums.append(sums[-1] + (t[:2] in heads or t[-2:] in tails))
    return sums


def _match_fuzzy(rule: MatchingRule, texts: Texts) -> Match | None:
    """The best window of as many words as the phrase, compared with difflib; confidence = the ratio."""
    phrase = " ".join(_WORD.findall(rule.pattern or ""))
    if not phrase:
        return None
    if not rule.case_sensitive:
        phrase = phrase.lower()
    phrase_tokens = phrase.split()
    n, need = len(phrase_tokens), max(1, (len(phrase_tokens) + 1) // 2)
    slack = len(phrase) * (1 - FUZZY_MIN_RATIO) * 2
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(phrase)  # difflib caches facts about seq2: the phrase is compared with many windows
    best, evidence = 0.0, []
    for page, text in texts:
        tokens = _tokens(text, rule.case_sensitive)
        near = _near(tokens, phrase_tokens)
        for i in range(max(0, len(tokens) - n + 1) or (1 if tokens else 0)):
            if near[min(i + n, len(tokens))] - near[i] < min(need, len(tokens)):
                continue
            window = " ".join(tokens[i : i + n])
            if abs(len(window) - len(phrase)) > slack:
                continue
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() < FUZZY_MIN_RATIO or matcher.quick_ratio() < FUZZY_MIN_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_MIN_RATIO:
                best = max(best, ratio)
                if len(evidence) < MAX_EVIDENCE:
                    evidence.append({"text": window[:200], "page": page})
    return Match(round(best, 3), evidence) if best else None


def match(rule: MatchingRule, texts: Texts) -> Match | None:
    """Run one rule over (already capped) texts. None when it does not match or is not a text rule."""
    algorithm = rule.algorithm
    if algorithm == MatchingAlgorithm.ANY:
        return _match_words(rule, texts, need_all=False)
    if algorithm == MatchingAlgorithm.ALL:
        return _match_words(rule, texts, need_all=True)
    if algorithm == MatchingAlgorithm.EXACT:
        return _match_exact(rule, texts)
    if algorithm == MatchingAlgorithm.REGEX:
        return _match_regex(rule, texts)
    if algorithm == MatchingAlgorithm.FUZZY:
        return _match_fuzzy(rule, texts)
    return None
