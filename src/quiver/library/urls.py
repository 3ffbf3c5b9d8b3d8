from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.home, name="home"),
    path("upload/", views.upload, name="upload"),
    path("upload/status/", views.upload_status, name="upload_status"),
    path("links/new/", views.link_create, name="link_create"),
    path("assets/<int:pk>/", views.asset_detail, name="asset"),
    path("assets/<int:pk>/preview/", views.asset_preview, name="asset_preview"),
    path("assets/<int:pk>/status/", views.asset_status, name="asset_status"),
    path("assets/<int:pk>/open/", views.open_link, name="open_link"),
    path("assets/<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("assets/<int:pk>/archive/", views.asset_archive, name="asset_archive"),
    path("assets/<int:pk>/restore/", views.asset_restore, name="asset_restore"),
    path("assets/<int:pk>/download/", views.download_current, name="download"),
    path("assets/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("assets/<int:pk>/versions/<int:number>/download/", views.download_version, name="download_version"),
    path("assets/<int:pk>/versions/<int:number>/retry/", views.version_retry, name="version_retry"),
    path("assets/<int:pk>/versions/<int:number>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("assets/<int:pk>/versions/<int:number>/pages/<int:page>/image/", views.page_image, name="page_image"),
    path("collections/", views.collection_list, name="collections"),
    path("collections/new/", views.collection_create, name="collection_create_top"),
    path("collections/<int:pk>/", views.collection_detail, name="collection"),
    path("collections/<int:pk>/new/", views.collection_create, name="collection_create"),
    # Collection access (admins), beside the other admin pages
    path("accounts/grants/", views.grant_overview, name="grants"),
    path("accounts/grants/<int:pk>/", views.grant_detail, name="grant"),
    path("accounts/grants/<int:pk>/set/", views.grant_set, name="grant_set"),
    path("accounts/grants/<int:pk>/remove/<int:group_pk>/", views.grant_remove, name="grant_remove"),
]
