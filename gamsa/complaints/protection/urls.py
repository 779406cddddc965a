"""특이민원·직원 보호 (mounted at /complaints/protection/)."""

from django.urls import path

from gamsa.complaints.protection import views

app_name = "complaints_protection"

urlpatterns = [
    path("", views.index, name="index"),
    path("mark/", views.mark, name="mark"),
    path("requests/", views.requests, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/decide/", views.request_decide, name="request_decide"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("complainants/<uuid:public_id>/", views.complainant, name="complainant"),
    path("complainants/<uuid:public_id>/<slug:action>/", views.complainant_act, name="complainant_act"),
]
