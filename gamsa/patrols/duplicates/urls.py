"""Near-duplicate candidates under /patrols/duplicates/ (names in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.duplicates import views

urlpatterns = [
    path("", views.duplicate_queue, name="duplicate_queue"),
    path(  # the old address by database id: redirects
        "<int:pk>/<slug:decision>/", views.duplicate_decide_legacy, name="duplicate_decide_legacy"
    ),
    path("<uuid:public_id>/<slug:decision>/", views.duplicate_decide, name="duplicate_decide"),
]
