"""Local guardians: their pages under /patrols/guardian/, the patrol team's under /patrols/guardians/."""

from django.urls import path

from gamsa.patrols.guardians import views

urlpatterns = [
    path("guardian/report/", views.report, name="guardian_report"),
    path("guardian/mine/", views.mine, name="guardian_mine"),
    path("guardians/", views.roster, name="guardians"),
    path("guardians/training/", views.training, name="guardian_training"),
]
