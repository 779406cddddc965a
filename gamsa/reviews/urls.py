"""/reviews/: 일상감사·계약심사 requests and the thresholds; 적극행정 under /reviews/proactive/ (its own package).
Every route name stays in the `reviews` namespace."""

from django.urls import include, path

from gamsa.reviews.views import requests, thresholds

app_name = "reviews"

urlpatterns = [
    path("", requests.index, name="index"),
    path("pre/", requests.pre_list, name="pre_list"),
    path("pre/new/", requests.pre_create, name="pre_create"),
    path("pre/<str:case_number>/", requests.pre_detail, name="pre_detail"),
    path("pre/<str:case_number>/opinion/", requests.pre_opinion, name="pre_opinion"),
    path("contracts/", requests.contract_list, name="contract_list"),
    path("contracts/new/", requests.contract_create, name="contract_create"),
    path("contracts/savings/", requests.savings, name="savings"),
    path("contracts/<str:case_number>/", requests.contract_detail, name="contract_detail"),
    path("contracts/<str:case_number>/result/", requests.contract_result, name="contract_result"),
    path("assign/<str:kind>/<str:case_number>/", requests.assign, name="assign"),
    path("thresholds/", thresholds.threshold_list, name="thresholds"),
    path("thresholds/new/", thresholds.threshold_create, name="threshold_create"),
    path("thresholds/check/", requests.check_partial, name="check"),
    path("proactive/", include("gamsa.reviews.proactive.urls")),
]
