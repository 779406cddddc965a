from django.urls import path

from gamsa.humanrights.contest import views

urlpatterns = [
    path("contests/", views.contest_list, name="contests"),
    path("contests/<int:year>/", views.contest_detail, name="contest"),
    path("contests/<int:year>/act/<slug:action>/", views.contest_act, name="contest_act"),
    path("contests/<int:year>/entries/<uuid:public_id>/", views.entry_detail, name="entry"),
    path("contests/<int:year>/entries/<uuid:public_id>/scores/", views.entry_scores, name="entry_scores"),
]
