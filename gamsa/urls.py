from django.contrib import admin
from django.urls import include, path

from gamsa.api import api

admin.site.site_header = "gamsa 관리"
admin.site.site_title = "gamsa 관리"

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("grievances/", include("gamsa.complaints.urls")),
    path("petitions/", include("gamsa.complaints.urls_petitions")),
    path("committee/", include("gamsa.complaints.urls_committee")),
    path("cheongwon/", include("gamsa.complaints.urls_petitions_public")),
    path("grievances-io/", include("gamsa.complaints.urls_transfer")),
    path("complaints/", include("gamsa.complaints.urls_other")),
    path("minwon/", include("gamsa.complaints.urls_public")),
    path("audits/", include("gamsa.audits.urls")),
    path("reviews/", include("gamsa.audits.reviews.urls")),
    path("costing/", include("gamsa.costing.urls")),
    path("approvals/", include("gamsa.core.approvals.urls")),
    path("patrols/", include("gamsa.patrols.urls")),
    path("open311/", include("gamsa.open311.urls")),
    path("investigations/", include("gamsa.investigations.urls")),
    path("notices/", include("gamsa.core.notices.urls")),
    path("board/", include("gamsa.core.board.urls")),
    path("integrity/", include("gamsa.integrity.urls")),
    path("hotline/", include("gamsa.hotline.urls")),
    path("hotline-office/", include("gamsa.hotline.urls_office")),
    path("", include("gamsa.core.urls")),
]
