from django.urls import include, path

from quiver.api.urls import api

urlpatterns = [
    path("", include("quiver.library.urls")),
    path("accounts/", include("quiver.accounts.urls")),
    path("audit/", include("quiver.core.urls")),
    path("audit/", include("quiver.insights.urls")),
    path("taxonomy/", include("quiver.taxonomy.urls")),
    path("search/", include("quiver.search.urls")),
    path("categorize/", include("quiver.categorize.urls")),
    path("similar/", include("quiver.similarity.urls")),
    path("lifecycle/", include("quiver.lifecycle.urls")),
    path("reviews/", include("quiver.reviews.urls")),
    path("notifications/", include("quiver.notify.urls")),
    path("api/v1/", api.urls),
]
