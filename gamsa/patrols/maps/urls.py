"""The map under /patrols/map/ (names in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.maps import views

urlpatterns = [
    path("", views.map_page, name="map"),
    path("data.json", views.map_data_view, name="map_data"),
]
