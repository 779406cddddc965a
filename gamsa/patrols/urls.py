from django.urls import include, path  # noqa: F401

app_name = "patrols"

urlpatterns: list = []
urlpatterns += [path("", include("gamsa.patrols.urls_patrol"))]
urlpatterns += [path("field/", include("gamsa.patrols.urls_field"))]
