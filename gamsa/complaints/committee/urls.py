from django.urls import path

from gamsa.complaints.committee import views as committee

app_name = "committee"

urlpatterns = [
    path("", committee.meetings, name="meetings"),
    path("meetings/new/", committee.meeting_new, name="meeting_new"),
    path("members/", committee.members, name="members"),
    path("members/add/", committee.member_add, name="member_add"),
    path("members/remove/", committee.member_remove, name="member_remove"),
    path("review/", committee.review, name="review"),
    path("meetings/<str:held_on>/", committee.meeting_detail, name="meeting"),
    path("meetings/<str:held_on>/items/", committee.item_add, name="item_add"),
    path("meetings/<str:held_on>/items/<str:case_number>/decide/", committee.item_decide, name="item_decide"),
    path("meetings/<str:held_on>/minutes/", committee.minutes, name="minutes"),
]
