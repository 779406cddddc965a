from django.urls import path

from gamsa.humanrights.education import views

urlpatterns = [
    path("education/", views.session_list, name="education"),
    path("education/<uuid:public_id>/", views.session_detail, name="session"),
    path("education/<uuid:public_id>/participants/", views.participants_add, name="participants_add"),
    path(
        "education/<uuid:public_id>/participants/<uuid:participant>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("education/<uuid:public_id>/participants.csv", views.participants_csv, name="participants_csv"),
]
