from django.urls import path

from gamsa.integrity.events import views

urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/<uuid:public_id>/", views.event_detail, name="event_detail"),
    path("awards/new/", views.award_create, name="award_create"),
    path("awards/<uuid:public_id>/", views.award_detail, name="award_detail"),
    path("awards/<uuid:public_id>/sheet.xlsx", views.award_sheet, name="award_sheet"),
    path("awards/<uuid:public_id>/act/<slug:action>/", views.award_act, name="award_act"),
]
