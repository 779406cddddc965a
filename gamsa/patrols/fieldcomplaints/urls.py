"""Field complaints (현장민원) under /patrols/field/ (names prefixed field_ in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.fieldcomplaints import views

urlpatterns = [
    path("", views.board, name="field_board"),
    path("list/", views.complaint_list, name="field_list"),
    path("import/", views.import_upload, name="field_import"),
    path("import/<uuid:public_id>/", views.import_job, name="field_import_job"),
    path("mappings/", views.mappings, name="field_mappings"),
    path("mappings/items/<slug:code>/confirm/", views.confirm_item, name="field_confirm_item"),
    path("mappings/items/<slug:code>/map/", views.map_item, name="field_map_item"),
    path("mappings/units/<int:pk>/", views.map_unit_legacy, name="field_map_unit_legacy"),  # redirects
    path("mappings/units/<uuid:public_id>/", views.map_unit, name="field_map_unit"),
    path("evaluation/", views.evaluation_page, name="field_evaluation"),
    path("evaluation.xlsx", views.evaluation_xlsx, name="field_evaluation_xlsx"),
    path("reviews/sample/", views.review_sample, name="field_review_sample"),
    path("c/<str:source_id>/", views.detail, name="field_detail"),
    path("c/<str:source_id>/status/", views.change_status, name="field_status"),
    path("c/<str:source_id>/site-check/", views.site_check, name="field_site_check"),
    path("c/<str:source_id>/quality-review/", views.quality_review, name="field_quality_review"),
]
