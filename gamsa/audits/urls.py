from django.urls import path

from gamsa.audits.views import citizen, findings, plans, public

app_name = "audits"

urlpatterns = [
    path("", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:year>/", plans.plan_detail, name="plan"),
    path("plans/<int:year>/copy/", plans.plan_copy, name="plan_copy"),
    path("engagements.xlsx", plans.engagements_export, name="engagements_export"),
    path("dispositions.xlsx", findings.dispositions_export, name="dispositions_export"),
    path("engagements/new/", plans.engagement_create, name="engagement_create"),
    path("engagements/<str:case_number>/", plans.engagement_detail, name="engagement"),
    path("engagements/<str:case_number>/do/<str:action>/", plans.engagement_transition, name="transition"),
    path("engagements/<str:case_number>/members/", plans.member_add, name="member_add"),
    path("engagements/<str:case_number>/checklist/", plans.checklist_add, name="checklist_add"),
    path("engagements/<str:case_number>/checklist/copy/", plans.checklist_copy, name="checklist_copy"),
    path(
        "engagements/<str:case_number>/checklist/<int:item_id>/",
        plans.checklist_result,
        name="checklist_result",
    ),
    path("engagements/<str:case_number>/findings/new/", findings.finding_create, name="finding_create"),
    path("findings/<uuid:public_id>/", findings.finding_detail, name="finding"),
    path("findings/<uuid:public_id>/dispositions/", findings.disposition_add, name="disposition_add"),
    path("findings/<uuid:public_id>/card/pdf/", findings.card_pdf, name="card_pdf"),
    path("findings/<uuid:public_id>/card.png", findings.card_png, name="card_png"),
    path("dispositions/<uuid:public_id>/", findings.disposition_detail, name="disposition"),
    path("dispositions/<uuid:public_id>/followup/", findings.followup_report, name="followup_report"),
    path(
        "dispositions/<uuid:public_id>/followup/<uuid:report_id>/verify/",
        findings.followup_verify,
        name="followup_verify",
    ),
    path("dispositions/<uuid:public_id>/remind/", findings.disposition_remind, name="remind"),
    path(
        "dispositions/<uuid:public_id>/reexamination/", findings.reexamination_file, name="reexamination_file"
    ),
    path(
        "dispositions/<uuid:public_id>/reexamination/<uuid:item_id>/",
        findings.reexamination_decide,
        name="reexamination_decide",
    ),
    path("followups/", findings.board, name="board"),
    path("my-unit/", findings.my_unit, name="my_unit"),
    path("citizen-auditors/", citizen.roster, name="citizen_roster"),
    path("citizen-auditors/assign/", citizen.assign, name="citizen_assign"),
    path("citizen-auditors/mine/", citizen.my_assignments, name="citizen_mine"),
    path(
        "citizen-auditors/assignments/<uuid:public_id>/", citizen.assignment_detail, name="citizen_assignment"
    ),
    path("citizen-auditors/assignments/<uuid:public_id>/report/", citizen.file_report, name="citizen_report"),
    path("public/", public.public_list, name="public_list"),
    path("public/<str:case_number>/", public.public_detail, name="public_detail"),
]
