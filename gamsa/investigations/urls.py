from django.urls import path

from gamsa.investigations import views

app_name = "investigations"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("export.csv", views.export_csv, name="export"),
    path("stats/", views.stats, name="stats"),
    path("<str:case_number>/", views.case_detail, name="detail"),
    path("<str:case_number>/subjects/new/", views.add_subjects, name="add_subjects"),
    path("<str:case_number>/act/<slug:action>/", views.case_act, name="act"),
    path("<str:case_number>/statements/<uuid:public_id>/", views.statement_detail, name="statement"),
    path("<str:case_number>/evidence/<uuid:public_id>/", views.evidence_download, name="evidence"),
]
