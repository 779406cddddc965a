"""Patrol pages: rounds, findings, duplicates, guardians, the map (included from gamsa/patrols/urls.py)."""

from django.urls import path

from gamsa.patrols.views import guardian, patrol_findings, patrol_rounds
from gamsa.patrols.views import map as map_views

urlpatterns = [
    path("rounds/", patrol_rounds.round_list, name="round_list"),
    path("rounds/new/", patrol_rounds.round_create, name="round_create"),
    path("rounds/summary/", patrol_rounds.round_summary, name="round_summary"),
    path("rounds/<str:number>/", patrol_rounds.round_detail, name="round_detail"),
    path("findings/", patrol_findings.finding_list, name="finding_list"),
    path("findings/new/", patrol_findings.finding_create, name="finding_create"),
    path("findings/<str:case_number>/", patrol_findings.finding_detail, name="finding_detail"),
    path("findings/<str:case_number>/act/<slug:action>/", patrol_findings.finding_act, name="finding_act"),
    path("duplicates/", patrol_findings.duplicate_queue, name="duplicate_queue"),
    path(  # the old address by database id: redirects
        "duplicates/<int:pk>/<slug:decision>/",
        patrol_findings.duplicate_decide_legacy,
        name="duplicate_decide_legacy",
    ),
    path(
        "duplicates/<uuid:public_id>/<slug:decision>/",
        patrol_findings.duplicate_decide,
        name="duplicate_decide",
    ),
    path("guardian/report/", guardian.report, name="guardian_report"),
    path("guardian/mine/", guardian.mine, name="guardian_mine"),
    path("guardians/", guardian.roster, name="guardians"),
    path("guardians/training/", guardian.training, name="guardian_training"),
    path("map/", map_views.map_page, name="map"),
    path("map/data.json", map_views.map_data_view, name="map_data"),
]
