"""Field complaints (현장민원) under /patrols/field/ (names prefixed field_ in the patrols namespace)."""

from django.urls import path

from gamsa.patrols.views import field, field_admin

urlpatterns = [
    path("", field.board, name="field_board"),
    path("list/", field.complaint_list, name="field_list"),
    path("import/", field_admin.import_upload, name="field_import"),
    path("import/<uuid:public_id>/", field_admin.import_job, name="field_import_job"),
    path("mappings/", field_admin.mappings, name="field_mappings"),
    path("mappings/items/<slug:code>/confirm/", field_admin.confirm_item, name="field_confirm_item"),
    path("mappings/items/<slug:code>/map/", field_admin.map_item, name="field_map_item"),
    path("mappings/units/<int:pk>/", field_admin.map_unit_legacy, name="field_map_unit_legacy"),  # redirects
    path("mappings/units/<uuid:public_id>/", field_admin.map_unit, name="field_map_unit"),
    path("evaluation/", field_admin.evaluation_page, name="field_evaluation"),
    path("evaluation.xlsx", field_admin.evaluation_xlsx, name="field_evaluation_xlsx"),
    path("reviews/sample/", field_admin.review_sample, name="field_review_sample"),
    path("c/<str:source_id>/", field.detail, name="field_detail"),
    path("c/<str:source_id>/status/", field.change_status, name="field_status"),
    path("c/<str:source_id>/site-check/", field.site_check, name="field_site_check"),
    path("c/<str:source_id>/quality-review/", field.quality_review, name="field_quality_review"),
]
