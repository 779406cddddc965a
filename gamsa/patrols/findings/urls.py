"""Findings under /patrols/findings/ (names in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.findings import views

urlpatterns = [
    path("", views.finding_list, name="finding_list"),
    path("new/", views.finding_create, name="finding_create"),
    path("<str:case_number>/", views.finding_detail, name="finding_detail"),
    path("<str:case_number>/act/<slug:action>/", views.finding_act, name="finding_act"),
]
