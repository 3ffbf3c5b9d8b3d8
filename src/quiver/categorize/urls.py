from django.urls import path

from . import views

app_name = "categorize"
urlpatterns = [
    # one asset's suggestions (asset page panel)
    path("assets/<int:pk>/accept/", views.accept, name="accept"),
    path("assets/<int:pk>/reject/", views.reject, name="reject"),
    path("assets/<int:pk>/revert/", views.revert, name="revert"),
    path("assets/<int:pk>/panel/", views.panel, name="panel"),
    # the review queue
    path("queue/", views.queue, name="queue"),
    path("queue/decide/", views.queue_decide, name="queue_decide"),
    # bulk retagging
    path("bulk/", views.bulk, name="bulk"),
    path("bulk/fields/", views.bulk_fields, name="bulk_fields"),
    # matching rules, thresholds, applying the rules to the library
    path("rules/", views.rule_list, name="rules"),
    path("rules/tag/<int:pk>/", views.rule_tag, name="rule_tag"),
    path("rules/value/<int:pk>/", views.rule_value, name="rule_value"),
    path("rules/test/", views.rule_test, name="rule_test"),
    path("policies/", views.policies, name="policies"),
    path("runs/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
]
