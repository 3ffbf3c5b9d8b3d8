from django.urls import path

from . import analytics, views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("click/<int:log_id>/", views.click, name="click"),
    path("saved/", views.saved_list, name="saved"),
    path("saved/<int:pk>/", views.saved_run, name="saved_run"),
    path("saved/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
    path("analytics/", analytics.analytics, name="analytics"),
]
