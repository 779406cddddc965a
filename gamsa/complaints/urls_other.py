"""공익신고, 납세자보호관 and 특이민원·직원 보호 (mounted under /complaints/)."""

from django.urls import path

from gamsa.complaints.views import protection, reports, taxpayer

app_name = "complaints_other"

urlpatterns = [
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_create, name="report_create"),
    path("reports/export.csv", reports.export_csv, name="report_export"),
    path("reports/officers/", reports.officers, name="officers"),
    path("reports/officers/designate/", reports.designate, name="officer_designate"),
    path("reports/officers/<uuid:user_id>/revoke/", reports.revoke, name="officer_revoke"),
    path("reports/<str:case_number>/", reports.report_detail, name="report_detail"),
    path("reports/<str:case_number>/identity/", reports.identity, name="report_identity"),
    path("reports/<str:case_number>/act/<slug:action>/", reports.report_act, name="report_act"),
    path("taxpayer/", taxpayer.case_list, name="taxpayer"),
    path("taxpayer/new/", taxpayer.case_create, name="taxpayer_create"),
    path("taxpayer/<str:case_number>/", taxpayer.case_detail, name="taxpayer_detail"),
    path("taxpayer/<str:case_number>/close/", taxpayer.case_close, name="taxpayer_close"),
    path("protection/", protection.index, name="protection"),
    path("protection/mark/", protection.mark, name="protection_mark"),
    path("protection/requests/", protection.requests, name="protection_requests"),
    path("protection/requests/new/", protection.request_create, name="protection_request_create"),
    path("protection/requests/decide/", protection.request_decide, name="protection_request_decide"),
    path("protection/consultations/", protection.consultations, name="consultations"),
    path("protection/consultations/new/", protection.consultation_create, name="consultation_create"),
    path("protection/complainants/<uuid:public_id>/", protection.complainant, name="complainant"),
    path(
        "protection/complainants/<uuid:public_id>/<slug:action>/",
        protection.complainant_act,
        name="complainant_act",
    ),
]
