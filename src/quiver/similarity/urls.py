from django.urls import path

from . import views

app_name = "similarity"
urlpatterns = [
    path("", views.flag_list, name="flags"),
    path("flags/<int:pk>/add-as-version/", views.flag_merge, name="flag_merge"),
    path("flags/<int:pk>/keep-both/", views.flag_dismiss, name="flag_dismiss"),
]
