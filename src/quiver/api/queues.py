"""GET /api/v1/queues: what waits in each background queue (for uploaders and operators; counts only)."""

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from quiver.core.queue_selectors import queue_depths
from quiver.library import policy
from quiver.library.schemas import Error

router = Router(tags=["queues"])
ERRORS = {401: Error, 403: Error}


class QueueOut(Schema):
    name: str
    waiting: int
    running: int
    oldest_wait_seconds: float


@router.get("", response={200: list[QueueOut], **ERRORS}, url_name="queues")
def list_queues(request):
    """Tasks waiting and running per queue (ingest, previews, index, default) and how long the oldest has waited."""
    if not policy.can_create_assets(request.auth):
        raise PermissionDenied("You may not see the queues.")
    return [{"name": name, **depth} for name, depth in queue_depths().items()]
