"""납세자보호관 (mounted at /complaints/taxpayer/)."""

from django.urls import path

from gamsa.complaints.taxpayer import views

app_name = "complaints_taxpayer"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<str:case_number>/", views.case_detail, name="detail"),
    path("<str:case_number>/close/", views.case_close, name="close"),
]
