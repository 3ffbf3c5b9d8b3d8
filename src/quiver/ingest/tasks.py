"""Background tasks of the ingest pipeline."""

from django_tasks import task


@task()
def process_version(version_id: int) -> str:
    from .pipeline import process_version as run

    return run(version_id)
