from django.urls import include, path

from gamsa.integrity.overview import views as overview

app_name = "integrity"

urlpatterns = [
    path("", overview.dashboard, name="dashboard"),
]
