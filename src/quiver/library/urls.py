from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.home, name="home"),
    path("assets/<int:pk>/", views.asset_detail, name="asset"),
]
