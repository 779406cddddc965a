"""공익신고 (mounted at /complaints/reports/)."""

from django.urls import path

from gamsa.complaints.reports import views

app_name = "complaints_reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("export.csv", views.export_csv, name="export"),
    path("officers/", views.officers, name="officers"),
    path("officers/designate/", views.designate, name="officer_designate"),
    path("officers/<uuid:user_id>/revoke/", views.revoke, name="officer_revoke"),
    path("<str:case_number>/", views.report_detail, name="detail"),
    path("<str:case_number>/identity/", views.identity, name="identity"),
    path("<str:case_number>/act/<slug:action>/", views.report_act, name="act"),
]
