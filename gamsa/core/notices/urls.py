from django.urls import path

from gamsa.core.notices import views

app_name = "notices"

urlpatterns = [
    path("templates/", views.templates, name="templates"),
    path("preference/", views.preference, name="preference"),
    path("case/<str:target_type>/<str:target_id>/channel/", views.case_channel, name="case_channel"),
    path("<uuid:public_id>/resend/", views.resend, name="resend"),
]
