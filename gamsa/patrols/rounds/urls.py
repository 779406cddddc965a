"""Patrol rounds under /patrols/rounds/ (names in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.rounds import views

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("summary/", views.round_summary, name="round_summary"),
    path("<str:number>/", views.round_detail, name="round_detail"),
]
