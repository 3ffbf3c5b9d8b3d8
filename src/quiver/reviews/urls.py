from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/walk/", views.session_walk, name="walk"),
    path("sessions/<int:pk>/items/<int:item_pk>/", views.item_action, name="item_action"),
    path("sessions/<int:pk>/pause/", views.session_pause, name="pause"),
    path("sessions/<int:pk>/resume/", views.session_resume, name="resume"),
    path("sessions/<int:pk>/finish/", views.session_finish, name="finish"),
]
