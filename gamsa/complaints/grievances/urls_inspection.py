"""The quarterly inspection of the departments' grievance handling (mounted at /grievances-io/inspection/)."""

from django.urls import path

from gamsa.complaints.grievances.views import inspection

app_name = "complaints_inspection"

urlpatterns = [
    path("", inspection.inspection_page, name="inspection"),
    path("<int:year>/<int:quarter>/<str:code>/", inspection.inspection_department, name="department"),
    path("<int:year>/<int:quarter>/export/<str:fmt>/", inspection.inspection_export, name="export"),
]
