"""/humanrights/…: one URL list per concept, under the one namespace `humanrights`."""

from django.urls import path

from gamsa.humanrights import views
from gamsa.humanrights.assessments.urls import urlpatterns as assessments
from gamsa.humanrights.cardnews.urls import urlpatterns as cardnews
from gamsa.humanrights.committee.urls import urlpatterns as committee
from gamsa.humanrights.contest.urls import urlpatterns as contest
from gamsa.humanrights.education.urls import urlpatterns as education
from gamsa.humanrights.monitors.urls import urlpatterns as monitors
from gamsa.humanrights.plan.urls import urlpatterns as plan

app_name = "humanrights"

urlpatterns = [
    path("", views.home, name="home"),
    *plan,
    *education,
    *committee,
    *monitors,
    *assessments,
    *contest,
    *cardnews,
]
