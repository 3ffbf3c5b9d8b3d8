from django.urls import path

from . import views

app_name = "taxonomy"

urlpatterns = [
    path("facets/", views.field_list, name="fields"),
    path("facets/<int:pk>/", views.field_detail, name="field"),
    path("facets/<int:pk>/values/", views.value_create, name="value_create"),
    path("facets/<int:pk>/values/<int:value_pk>/", views.value_detail, name="value"),
    path("assets/<int:pk>/facets/", views.asset_facets, name="asset_facets"),
    path("collections/<int:pk>/rule/", views.rule_edit, name="rule"),
    path("collections/<int:pk>/rule/preview/", views.rule_preview, name="rule_preview"),
]
