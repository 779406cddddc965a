from django.urls import path

from gamsa.costing import views

app_name = "costing"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_new, name="new"),
    path("sample.xlsx", views.sample, name="sample"),
    path("rates/", views.rate_list, name="rates"),
    path("rates/new/", views.rate_new, name="rate_new"),
    path("rates/<uuid:public_id>/active/", views.rate_toggle, name="rate_toggle"),
    path("<uuid:public_id>/", views.review_detail, name="detail"),
    path("<uuid:public_id>/opinion/pdf/", views.review_pdf, name="pdf"),
    path("<uuid:public_id>/opinion.hwpx", views.review_hwpx, name="hwpx"),
    path("<uuid:public_id>/submit/", views.review_submit, name="submit"),
]
