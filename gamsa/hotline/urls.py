"""The reporter's routes (/hotline/): the privacy middleware covers everything under this prefix."""

from django.urls import path

from gamsa.hotline import views_reporter as v

app_name = "hotline"

urlpatterns = [
    path("", v.landing, name="landing"),
    path("report/<slug:code>/", v.report_form, name="report"),
    path("mine/", v.mine, name="mine"),
]
