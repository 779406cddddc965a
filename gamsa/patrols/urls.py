"""/patrols/: one include per concept package; every route name stays in the `patrols` namespace."""

from django.urls import include, path

app_name = "patrols"

urlpatterns = [
    path("field/", include("gamsa.patrols.fieldcomplaints.urls")),
    path("rounds/", include("gamsa.patrols.rounds.urls")),
    path("findings/", include("gamsa.patrols.findings.urls")),
    path("duplicates/", include("gamsa.patrols.duplicates.urls")),
    path("", include("gamsa.patrols.guardians.urls")),
    path("map/", include("gamsa.patrols.maps.urls")),
]
