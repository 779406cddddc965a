"""GeoReport v2 under /open311/v2/ (format by suffix: .xml or .json), plus the key page for the sysadmin."""

from django.urls import path, re_path

from gamsa.open311 import views, views_keys

app_name = "open311"

FMT = r"\.(?P<fmt>xml|json)$"

urlpatterns = [
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.service_list, name="services"),
    re_path(r"^v2/services/(?P<code>[^/]+?)" + FMT, views.service_definition, name="service"),
    re_path(r"^v2/requests" + FMT, views.service_requests, name="requests"),
    re_path(r"^v2/requests/(?P<request_id>[^/]+?)" + FMT, views.service_request, name="request"),
    re_path(r"^v2/tokens/(?P<token>[^/]+?)" + FMT, views.token, name="token"),
    path("keys/", views_keys.key_list, name="keys"),
    path("keys/<int:pk>/revoke/", views_keys.revoke_legacy, name="revoke_legacy"),  # old address: redirects
    path("keys/<uuid:public_id>/revoke/", views_keys.revoke, name="revoke"),
]
