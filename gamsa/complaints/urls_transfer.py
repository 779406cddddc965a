from django.urls import path

from gamsa.complaints.views import transfer

app_name = "complaints_io"

urlpatterns = [
    path("import/", transfer.import_upload, name="import"),
    path("import/<uuid:public_id>/", transfer.import_job, name="import_job"),
    path("import/<uuid:public_id>/confirm/", transfer.import_confirm, name="import_confirm"),
    path("export/", transfer.export, name="export"),
    path("inspection/", transfer.inspection_page, name="inspection"),
    path(
        "inspection/<int:year>/<int:quarter>/<str:code>/",
        transfer.inspection_department,
        name="inspection_department",
    ),
    path(
        "inspection/<int:year>/<int:quarter>/export/<str:fmt>/",
        transfer.inspection_export,
        name="inspection_export",
    ),
]
