from django.urls import path

from gamsa.complaints.views import public

app_name = "complaints_public"

urlpatterns = [
    path("", public.file_grievance, name="new"),
    path("receipt/", public.receipt, name="receipt"),
    path("status/", public.status, name="status"),
]
