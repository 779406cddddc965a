from django.urls import path

from gamsa.complaints.views import petitions_public

app_name = "petitions_public"

urlpatterns = [
    path("", petitions_public.file_petition, name="new"),
    path("receipt/", petitions_public.receipt, name="receipt"),
]
