from django.urls import path

from gamsa.humanrights.committee import views

urlpatterns = [
    path("committee/", views.committee_home, name="committee"),
    path("committee/act/<slug:action>/", views.committee_act, name="committee_act"),
    path("committee/meetings/<uuid:public_id>/", views.meeting_detail, name="meeting"),
    path("committee/meetings/<uuid:public_id>/act/<slug:action>/", views.meeting_act, name="meeting_act"),
    path("committee/meetings/<uuid:public_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("committee/meetings/<uuid:public_id>/minutes.hwpx", views.minutes_hwpx, name="minutes_hwpx"),
]
