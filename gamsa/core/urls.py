from django.urls import path

from gamsa.core.views import account, auth, desk, files, logs, public

app_name = "core"

urlpatterns = [
    path("", desk.home, name="home"),
    path("privacy/", public.privacy, name="privacy"),
    path("about/", public.site_guide, name="site_guide"),
    path("login/", auth.login_view, name="login"),
    path("login/otp/", auth.otp_view, name="otp"),
    path("logout/", auth.logout_view, name="logout"),
    path("teams/<slug:team>/", desk.team, name="team"),
    path("org/", desk.org, name="org"),
    path("calendar/", desk.calendar_page, name="calendar"),
    path("calendar/closures/", desk.closure_add, name="closure_add"),
    # Old addresses by database id first (the int converter takes digits only), then the public ones.
    path("calendar/closures/<int:pk>/delete/", desk.closure_delete_legacy, name="closure_delete_legacy"),
    path("calendar/closures/<str:day>/delete/", desk.closure_delete, name="closure_delete"),
    path("logs/events/", logs.events, name="events"),
    path("logs/access/", logs.access_log, name="access_log"),
    path("logs/access/export/", logs.access_log_export, name="access_log_export"),
    path("jobs/<uuid:public_id>/", logs.job_detail, name="job"),
    path("files/", files.files, name="files"),
    path("files/<uuid:public_id>/", files.download, name="download"),
    path("account/", account.account, name="account"),
    path("account/tokens/<int:pk>/revoke/", account.token_revoke_legacy, name="token_revoke_legacy"),
    path("account/tokens/<uuid:public_id>/revoke/", account.token_revoke, name="token_revoke"),
    path("people/<uuid:public_id>/", account.person, name="person"),
    path("healthz", desk.healthz, name="healthz"),
]
