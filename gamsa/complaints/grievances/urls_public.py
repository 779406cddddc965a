"""The citizen's side of grievances: filing without an account and following it (mounted at /minwon/)."""

from django.urls import path

from gamsa.complaints.grievances.views import public

app_name = "complaints_public"

urlpatterns = [
    path("", public.file_grievance, name="new"),
    path("receipt/", public.receipt, name="receipt"),
    path("status/", public.status, name="status"),
    path("status/survey/", public.survey, name="survey"),
    path("status/end/", public.end_lookup, name="end"),
    path("mine/", public.mine, name="mine"),
]
