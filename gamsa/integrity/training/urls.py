from django.urls import path

from gamsa.integrity.training import views

urlpatterns = [
    path("training/", views.overview, name="training"),
    path("training/mine/", views.mine, name="training_mine"),
    path("training/import/", views.import_upload, name="training_import"),
    path("training/import/<uuid:public_id>/", views.import_job, name="training_import_job"),
    path("training/sessions/new/", views.session_create, name="training_session_create"),
    path("training/sessions/<uuid:public_id>/", views.session_detail, name="training_session"),
    path("training/stages/", views.stages, name="training_stages"),
]
