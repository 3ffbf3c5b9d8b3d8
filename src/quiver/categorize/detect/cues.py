"""What the type detector reads: one `Doc` per asset version (kind, name, pages), and helpers that find cues
(heading-like lines, phrases anywhere) and say on which page they occur."""

import re
from dataclasses import dataclass, field

HEADING_CHARS = 70  # a line this short may be a heading or a slide title


@dataclass
class Doc:
    kind: str = ""  # ingest's sniffed kind: pdf, docx, pptx, xlsx, eml, image, video... ("" for a link)
    filename: str = ""
    title: str = ""
    page_count: int = 0
    pages: list[tuple[int, str]] = field(default_factory=list)  # (page number, text)
    is_link: bool = False
    use_names: bool = True  # read the title and file name too (off to measure content-only accuracy)

    @property
    def name_text(self) -> str:
        if not self.use_names:
            return ""
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", self.filename or "")
        return f"{self.title} {re.sub(r'[-_]+', ' ', stem)}".lower()

    @property
    def extension(self) -> str:
        return self.filename.rsplit(".", 1)[-1].lower() if "." in (self.filename or "") else ""


@dataclass
class Score:
    """Weighted cues for one asset type."""

    kind: str
    total: float = 0.0
    evidence: list[dict] = field(default_factory=list)

    def add(self, weight: float, text: str, page: int | None = None) -> None:
        self.total += weight
        self.evidence.append({"text": text[:120], "page": page})


def heading(doc: Doc, pattern: str) -> tuple[int, str] | None:
    """The first heading-like line (short) matching `pattern`: (page, line)."""
    rx = re.compile(pattern, re.IGNORECASE)
    for number, text in doc.pages:
        for line in text.splitlines():
            line = line.strip()
            if line and len(line) <= HEADING_CHARS and rx.search(line):
                return number, line
    return None


def phrase(doc: Doc, pattern: str) -> tuple[int, str, int] | None:
    """The first page where `pattern` occurs anywhere: (page, matched text, occurrences in the whole text)."""
    rx = re.compile(pattern, re.IGNORECASE)
    first, count = None, 0
    for number, text in doc.pages:
        found = rx.findall(text)
        if found:
            count += len(found)
            if first is None:
                match = rx.search(text)
                first = (number, match.group(0))
    return (first[0], first[1], count) if first else None


def in_name(doc: Doc, pattern: str) -> str | None:
    match = re.search(pattern, doc.name_text, re.IGNORECASE)
    return match.group(0) if match else None


def page_lengths(doc: Doc) -> list[int]:
    return [len(text) for _, text in doc.pages]
