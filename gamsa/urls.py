from django.contrib import admin
from django.urls import include, path

from gamsa.api import api

admin.site.site_header = "gamsa 관리"
admin.site.site_title = "gamsa 관리"

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("grievances/", include("gamsa.complaints.grievances.urls")),
    path("grievances-io/inspection/", include("gamsa.complaints.grievances.urls_inspection")),
    path("grievances-io/", include("gamsa.complaints.io.urls")),
    path("minwon/", include("gamsa.complaints.grievances.urls_public")),
    path("petitions/", include("gamsa.complaints.petitions.urls")),
    path("cheongwon/", include("gamsa.complaints.petitions.urls_public")),
    path("committee/", include("gamsa.complaints.committee.urls")),
    path("complaints/reports/", include("gamsa.complaints.reports.urls")),
    path("complaints/taxpayer/", include("gamsa.complaints.taxpayer.urls")),
    path("complaints/protection/", include("gamsa.complaints.protection.urls")),
    path("audits/", include("gamsa.audits.urls")),
    path("reviews/", include("gamsa.reviews.urls")),
    path("costing/", include("gamsa.costing.urls")),
    path("approvals/", include("gamsa.core.approvals.urls")),
    path("patrols/", include("gamsa.patrols.urls")),
    path("open311/", include("gamsa.open311.urls")),
    # before the cases: /investigations/<case number>/ would take "bulletins" for a case number
    path("investigations/bulletins/", include("gamsa.investigations.bulletins.urls")),
    path("investigations/", include("gamsa.investigations.urls")),
    path("ethics/", include("gamsa.ethics.urls")),
    path("humanrights/", include("gamsa.humanrights.urls")),
    path("notices/", include("gamsa.core.notices.urls")),
    path("board/", include("gamsa.core.board.urls")),
    path("integrity/", include("gamsa.integrity.urls")),
    path("hotline/", include("gamsa.hotline.urls")),
    path("hotline-office/", include("gamsa.hotline.urls_office")),
    path("", include("gamsa.core.urls")),
]
