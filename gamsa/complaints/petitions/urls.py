from django.urls import path

from gamsa.complaints.petitions import views as petitions

app_name = "petitions"

urlpatterns = [
    path("", petitions.petition_list, name="list"),
    path("new/", petitions.create, name="new"),
    path("board/", petitions.board, name="board"),
    path("board/members/add/", petitions.board_member_add, name="board_member_add"),
    path("board/members/end/", petitions.board_member_end, name="board_member_end"),
    path("board/meetings/new/", petitions.meeting_new, name="meeting_new"),
    path("board/meetings/<str:held_on>/", petitions.meeting_detail, name="meeting"),
    path("board/meetings/<str:held_on>/minutes/", petitions.meeting_minutes, name="meeting_minutes"),
    path("<str:case_number>/", petitions.detail, name="detail"),
    path("<str:case_number>/act/<slug:action>/", petitions.act, name="act"),
]
