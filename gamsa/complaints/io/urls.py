"""Grievance import and list export (mounted at /grievances-io/)."""

from django.urls import path

from gamsa.complaints.io import views

app_name = "complaints_io"

urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/<uuid:public_id>/", views.import_job, name="import_job"),
    path("import/<uuid:public_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("export/", views.export, name="export"),
]
