from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("usage/", views.usage_events, name="usage"),
]
