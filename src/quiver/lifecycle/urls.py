from django.urls import path

from . import views

app_name = "lifecycle"
urlpatterns = [
    path("approvals/", views.inbox, name="inbox"),
    path("assets/<int:pk>/submit/", views.submit, name="submit"),
    path("assets/<int:pk>/decide/", views.decide, name="decide"),
    path("assets/<int:pk>/verify/", views.verify, name="verify"),
    path("assets/<int:pk>/settings/", views.lifecycle_settings, name="settings"),
    path("assets/<int:pk>/delete/", views.trash_asset, name="trash_asset"),
    path("trash/", views.trash_list, name="trash"),
    path("rules/", views.rules, name="rules"),
    path("rules/policies/<int:pk>/delete/", views.policy_delete, name="policy_delete"),
    path("rules/cadences/<int:pk>/delete/", views.cadence_delete, name="cadence_delete"),
    path("trash/<int:pk>/restore/", views.trash_restore, name="trash_restore"),
]
