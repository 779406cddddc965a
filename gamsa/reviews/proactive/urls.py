"""적극행정 under /reviews/proactive/ (names in the reviews namespace)."""

from django.urls import path

from gamsa.reviews.proactive import views

urlpatterns = [
    path("", views.index, name="proactive"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<uuid:public_id>/", views.round_detail, name="round_detail"),
    path("rounds/<uuid:public_id>/nominate/", views.nominate, name="nominate"),
    path("rounds/<uuid:public_id>/<str:action>/", views.round_action, name="round_action"),
    path("consulting/new/", views.consulting_create, name="consulting_create"),
    path("consulting/<str:case_number>/", views.consulting_detail, name="consulting_detail"),
    path("exemptions/new/", views.exemption_create, name="exemption_create"),
    path("exemptions/<str:case_number>/", views.exemption_detail, name="exemption_detail"),
    path("exemption-report/", views.quarterly_report, name="quarterly_report"),
]
