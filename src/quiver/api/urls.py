"""The one NinjaAPI instance, mounted at /api/v1/. Each app contributes its own router here."""

from ninja import NinjaAPI

from quiver.categorize.api import router as categorize_router
from quiver.categorize.api import suggestions_router
from quiver.library.api import assets_router
from quiver.library.api_collections import collections_router, tags_router
from quiver.lifecycle.api import approvals_router as lifecycle_approvals_router
from quiver.lifecycle.api import router as lifecycle_router
from quiver.lifecycle.api import trash_router as lifecycle_trash_router
from quiver.notify.api import router as notify_router
from quiver.reviews.api import router as reviews_router
from quiver.search.api import router as search_router
from quiver.similarity.api import router as similarity_router
from quiver.taxonomy.api import asset_facets_router, facets_router, rules_router

from . import errors, me, queues
from .auth import AUTH
from .docs import docs_csp

api = NinjaAPI(
    title="Quiver API",
    version="1",
    description="The sales asset library. Authenticate with `Authorization: Bearer <token>` "
    "(`quiver token NAME`) or, from the browser, the session cookie plus the X-CSRFToken header.",
    urls_namespace="api",
    auth=AUTH,
    docs_decorator=docs_csp,
)
errors.install(api)

api.add_router("/assets", assets_router)
api.add_router("/collections", collections_router)
api.add_router("/tags", tags_router)
api.add_router("/me", me.router)
api.add_router("/facets", facets_router)
api.add_router("/assets", asset_facets_router)
api.add_router("/collections", rules_router)
api.add_router("/search", search_router)
api.add_router("/assets", suggestions_router)
api.add_router("/taxonomy", categorize_router)
api.add_router("/assets", similarity_router)
api.add_router("/reviews", reviews_router)
api.add_router("/assets", lifecycle_router)
api.add_router("/trash", lifecycle_trash_router)
api.add_router("/approvals", lifecycle_approvals_router)
api.add_router("/notifications", notify_router)
api.add_router("/queues", queues.router)
