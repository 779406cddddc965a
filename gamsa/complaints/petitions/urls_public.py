from django.urls import path

from gamsa.complaints.petitions import views_public as petitions_public

app_name = "petitions_public"

urlpatterns = [
    path("", petitions_public.file_petition, name="new"),
    path("receipt/", petitions_public.receipt, name="receipt"),
]
