from django.urls import path

from gamsa.complaints.grievances.views import actions, desk

app_name = "complaints"

urlpatterns = [
    path("", desk.grievance_list, name="list"),
    path("overdue/", desk.overdue, name="overdue"),
    path("new/", desk.create, name="create"),
    path("handlers/", desk.handler_options, name="handler_options"),
    path("<str:case_number>/", desk.detail, name="detail"),
    path("<str:case_number>/act/<slug:action>/", actions.act, name="act"),
    path("<str:case_number>/files/", actions.upload, name="upload"),
]
