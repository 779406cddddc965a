from django.urls import path

from gamsa.integrity.letters import views

urlpatterns = [
    path("letters/", views.batch_list, name="letters"),
    path("letters/upload/", views.upload, name="letters_upload"),
    path("letters/import/<uuid:public_id>/", views.import_job, name="letters_import_job"),
    path("letters/templates/", views.templates, name="letters_templates"),
    path("letters/templates/<uuid:public_id>/preview.pdf", views.template_preview, name="letters_preview"),
    path("letters/retention/", views.retention, name="letters_retention"),
    path("letters/<str:number>/", views.batch_detail, name="letters_detail"),
    path("letters/<str:number>/produce/", views.produce, name="letters_produce"),
    path("letters/<str:number>/recipients/", views.recipients, name="letters_recipients"),
]
