"""The office's routes (/hotline-office/)."""

from django.urls import path

from gamsa.hotline import views_keys as k
from gamsa.hotline import views_office as v

app_name = "hotline_office"

urlpatterns = [
    path("", v.report_list, name="list"),
    path("key/", k.key, name="key"),
    path("recovery/", k.recovery_page, name="recovery"),
    path("recovery/<uuid:request_id>/<str:action>/", k.recovery_act, name="recovery_act"),
    path("identity/", v.identity_queue, name="identity_queue"),
    path("identity/<uuid:request_id>/revoke/", v.identity_revoke, name="identity_revoke"),
    path("identity/<uuid:request_id>/<str:decision>/", v.identity_decide, name="identity_decide"),
    path("stats/", v.stats, name="stats"),
    path("r/<uuid:public_id>/", v.report_detail, name="detail"),
    path("r/<uuid:public_id>/identity/", v.identity, name="identity"),
    path("r/<uuid:public_id>/files/<uuid:file_id>/", v.download, name="download"),
    path("r/<uuid:public_id>/<str:action>/", v.report_act, name="act"),
]
