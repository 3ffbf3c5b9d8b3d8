"""Errors of the ingest pipeline. Each carries a short human-readable reason shown on the version."""


class IngestError(Exception):
    """A file that cannot be processed; `reason` is shown to people as is."""

    prefix = ""

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        if self.prefix and self.detail:
            return f"{self.prefix}: {self.detail}"
        return self.prefix or self.detail or "could not be processed"


class Unsupported(IngestError):
    """Unsupported("WAV audio file") -> "unsupported type: WAV audio file"; a `sentence` replaces it all."""

    prefix = "unsupported type"

    def __init__(self, detail: str = "", sentence: str = ""):
        self.sentence = sentence
        super().__init__(detail)

    @property
    def reason(self) -> str:
        return self.sentence or super().reason


class Unrecognised(IngestError):
    """Bytes without any known signature (libmagic's bare "data")."""

    def __init__(self, ext: str = "", named: str = ""):
        sentence = "the file's content is not a recognised document format (no known signature)"
        if ext:
            sentence += f"; it is named .{ext}"
            if named:
                sentence += (
                    f" ({named}) but its bytes do not look like one: it may be damaged, truncated or another format"
                )
        super().__init__(sentence)


class Mismatch(IngestError):
    """The bytes say one type, the name another."""


class UnsafeArchive(IngestError):
    prefix = "unsafe archive"


class Encrypted(IngestError):
    prefix = "encrypted"

    def __init__(self, detail: str = "password protected"):
        super().__init__(detail)


class Corrupt(IngestError):
    """`kind` names the format: Corrupt("PDF", "no trailer") -> "corrupt PDF: no trailer"."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        super().__init__(detail)

    @property
    def reason(self) -> str:
        detail = " ".join(str(self.detail).split())[:200]
        return f"corrupt {self.kind}: {detail}" if detail else f"corrupt {self.kind}"


class TooLarge(IngestError):
    prefix = "too large"
