from django.urls import path

from gamsa.humanrights.monitors import views

urlpatterns = [
    path("monitors/", views.roster, name="monitors"),
    path("monitors/act/<slug:action>/", views.monitors_act, name="monitors_act"),
    path("monitors/activities/", views.activities, name="activities"),
    path("monitors/activities/<uuid:public_id>/", views.activity_detail, name="activity"),
    path("monitors/activities/<uuid:public_id>/check/", views.activity_check, name="activity_check"),
    path("monitor/", views.monitor_home, name="monitor_home"),
    path("monitor/new/", views.monitor_file, name="monitor_file"),
]
