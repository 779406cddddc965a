from django.urls import path

from gamsa.integrity.overview import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
