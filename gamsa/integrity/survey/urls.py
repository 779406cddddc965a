from django.urls import path

from gamsa.integrity.survey import views

urlpatterns = [
    path("survey/", views.survey_list, name="survey"),
    path("survey/<int:year>/", views.survey_detail, name="survey_detail"),
    path("survey/<int:year>/answer/", views.survey_answer, name="survey_answer"),
    path("survey/<int:year>/export.csv", views.survey_export, name="survey_export"),
    path("survey/<int:year>/act/<slug:action>/", views.survey_act, name="survey_act"),
]
