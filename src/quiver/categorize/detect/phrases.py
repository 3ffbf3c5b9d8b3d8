"""Key phrases with YAKE (unsupervised, per document, no model to download), each with the page where it
occurs most often."""

import re

import yake

MAX_CHARS = 40_000  # YAKE's cost grows with the text; the key phrases of a long document are in its first pages
TOP = 12
YAKE_LANGUAGES = {"en", "fr", "de", "es", "it", "pt", "nl", "ja", "zh"}


def _pages(pages) -> list[tuple[int, str]]:
    out = []
    for page in pages:
        number, text = (page.number, page.text) if hasattr(page, "text") else page
        if text and text.strip():
            out.append((number, text))
    return out


def _sentences(text: str) -> str:
    """Titles and bullets end without punctuation; a full stop keeps YAKE from joining them into one phrase."""
    return "\n".join(
        line if line.rstrip().endswith((".", "!", "?", ":", ";")) else line.rstrip() + "."
        for line in text.splitlines()
        if line.strip()
    )


def _where(phrase: str, pages: list[tuple[int, str]]) -> int | None:
    """The page with the most occurrences of the phrase (the first such page on a tie)."""
    rx = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)", re.IGNORECASE)
    best, best_count = None, 0
    for number, text in pages:
        count = len(rx.findall(text))
        if count > best_count:
            best, best_count = number, count
    return best


def key_phrases(pages, language: str = "en", top: int = TOP) -> list[tuple[str, float, int | None]]:
    """[(phrase, score 0..1 higher is better, page)] best first. YAKE scores are "lower is better" and unbounded;
    they are mapped to 1 / (1 + score) so callers can compare them with confidences."""
    pages = _pages(pages)
    text, size = [], 0
    for _, page_text in pages:
        text.append(page_text)
        size += len(page_text)
        if size >= MAX_CHARS:
            break
    body = _sentences("\n".join(text)[:MAX_CHARS])
    if len(body.split()) < 5:
        return []
    lan = language if language in YAKE_LANGUAGES else "en"
    extractor = yake.KeywordExtractor(lan=lan, n=3, dedup_lim=0.7, top=top * 4)
    out, kept = [], []
    for phrase, score in extractor.extract_keywords(body):
        phrase = " ".join(phrase.split())
        words = frozenset(phrase.lower().split())
        if len(phrase) < 3 or phrase.isdigit():
            continue
        # "Corvana" after "Corvana Shield" says nothing new, nor does "Corvana Shield ships"; but "audit trail"
        # after "audit" is the better phrase and takes the single word's place.
        clash = next((i for i, k in enumerate(kept) if words <= k or k <= words), None)
        if clash is not None:
            if len(kept[clash]) == 1 and len(words) > 1:
                kept[clash] = words
                out[clash] = (phrase, out[clash][1], _where(phrase, pages))
            continue
        kept.append(words)
        out.append((phrase, round(1 / (1 + float(score)), 4), _where(phrase, pages)))
        if len(out) >= top:
            break
    return out
