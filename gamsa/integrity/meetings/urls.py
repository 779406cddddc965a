from django.urls import path

from gamsa.integrity.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<uuid:public_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:public_id>/act/<slug:action>/", views.meeting_act, name="meeting_act"),
    path("meetings/<uuid:public_id>/minutes.<slug:ext>", views.meeting_minutes, name="meeting_minutes"),
]
