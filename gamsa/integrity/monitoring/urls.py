from django.urls import path

from gamsa.integrity.monitoring import views

urlpatterns = [
    path("monitoring/", views.round_list, name="monitoring"),
    path("monitoring/<str:number>/", views.round_detail, name="monitoring_detail"),
    path("monitoring/<str:number>/act/<slug:action>/", views.round_act, name="monitoring_act"),
]
