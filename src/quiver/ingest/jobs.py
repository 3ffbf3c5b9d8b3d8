"""The allow-list of what a sandbox child may run, and the shape each job's result must have.

A request names a job by key; a child only runs jobs its parent listed when it started it (resolved at start-up),
so no message can make a child import or call anything else. What comes back is checked against the job's schema
(strict: no coercion, no unknown keys) before the worker uses it; a child that sends anything else fails the file
with a readable reason."""

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class AnalyseResult(_Strict):
    kind: str = Field(max_length=64)
    mime: str = Field(max_length=255)
    label: str = Field(max_length=255)
    status: Literal["ready", "failed"]
    reason: str = Field(max_length=2000)
    pages: list[str] = []
    page_count: int | None = Field(default=None, ge=0)
    metadata: dict[str, JsonValue] = {}


class RenderResult(_Strict):
    thumbnail: bytes | None = None
    pages: list[bytes | None] = []
    ext: str = Field(default="webp", pattern=r"^[a-z0-9]{1,8}$")  # becomes part of stored file names
    note: str = Field(default="", max_length=2000)


@dataclass(frozen=True)
class Job:
    """takes_file: the first argument is a path the worker opens; the child gets the open descriptor instead
    (the jobs read it with open(), which takes either), so it never needs to see the worker's files."""

    schema: type[BaseModel] | None = None
    takes_file: bool = False


JOBS: dict[str, Job] = {
    "quiver.ingest.analyse:analyse": Job(AnalyseResult, takes_file=True),
    "quiver.ingest.previews:render": Job(RenderResult, takes_file=True),
}


def check_result(job: Job, value) -> str:
    """'' when value has the job's shape, else a short human reason."""
    if job.schema is None:
        return ""
    if not isinstance(value, dict):
        return f"a {type(value).__name__} instead of a mapping"
    try:
        job.schema.model_validate(value)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"][:3]) or "result"
        return f"{where}: {first['msg']}"[:200]
    except RecursionError:
        return "nested too deeply"
    return ""
