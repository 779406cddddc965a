from django.urls import path

from gamsa.humanrights.assessments import views

urlpatterns = [
    path("assessments/", views.draft_list, name="assessments"),
    path("assessments/new/", views.draft_create, name="assessment_create"),
    path("assessments/checklist/", views.checklist, name="checklist"),
    path("assessments/<str:case_number>/", views.draft_detail, name="assessment"),
    path("assessments/<str:case_number>/act/<slug:action>/", views.draft_act, name="assessment_act"),
]
