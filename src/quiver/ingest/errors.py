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
    prefix = "unsupported type"


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
