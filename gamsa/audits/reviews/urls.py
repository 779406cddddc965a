from django.urls import path

from gamsa.audits.reviews.views import proactive, requests, thresholds

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
    path("proactive/", proactive.index, name="proactive"),
    path("proactive/rounds/new/", proactive.round_create, name="round_create"),
    path("proactive/rounds/<uuid:public_id>/", proactive.round_detail, name="round_detail"),
    path("proactive/rounds/<uuid:public_id>/nominate/", proactive.nominate, name="nominate"),
    path("proactive/rounds/<uuid:public_id>/<str:action>/", proactive.round_action, name="round_action"),
    path("proactive/consulting/new/", proactive.consulting_create, name="consulting_create"),
    path("proactive/consulting/<str:case_number>/", proactive.consulting_detail, name="consulting_detail"),
    path("proactive/exemptions/new/", proactive.exemption_create, name="exemption_create"),
    path("proactive/exemptions/<str:case_number>/", proactive.exemption_detail, name="exemption_detail"),
    path("proactive/exemption-report/", proactive.quarterly_report, name="quarterly_report"),
]
