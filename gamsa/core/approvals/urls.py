from django.urls import path

from gamsa.core.approvals import views

app_name = "approvals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("rules/", views.rules, name="rules"),
    path("positions/", views.positions, name="positions"),
    path("positions/<uuid:public_id>/end/", views.position_end, name="position_end"),
    path("absence/", views.my_absence, name="my_absence"),
    path("absences/<uuid:public_id>/delete/", views.absence_delete, name="absence_delete"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/pdf/", views.pdf, name="pdf"),
    path("<uuid:public_id>/act/<slug:action>/", views.act, name="act"),
]
