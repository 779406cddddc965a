from django.urls import path

from gamsa.ethics.committee import views as committee
from gamsa.ethics.refusals import views as refusals
from gamsa.ethics.registration import review_views as reviews
from gamsa.ethics.registration import views as roster
from gamsa.ethics.restrictions import views as restrictions

app_name = "ethics"

urlpatterns = [
    path("", roster.roster, name="roster"),
    path("roster/new/", roster.declarant_create, name="declarant_create"),
    path("roster/<uuid:public_id>/", roster.declarant_detail, name="declarant"),
    path("roster/<uuid:public_id>/act/<slug:action>/", roster.declarant_act, name="declarant_act"),
    path("roster/<uuid:public_id>/refusal/", refusals.refusal_new, name="refusal_new"),
    path("proposals/", roster.proposals, name="proposals"),
    path("proposals/run/", roster.proposals_run, name="proposals_run"),
    path("proposals/<uuid:public_id>/<slug:action>/", roster.proposal_act, name="proposal_act"),
    path("units/", roster.units, name="units"),
    path("units/<uuid:public_id>/end/", roster.unit_end, name="unit_end"),
    path("filings/", roster.filings, name="filings"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<str:case_number>/", reviews.review_detail, name="review"),
    path("reviews/<str:case_number>/act/<slug:action>/", reviews.review_act, name="review_act"),
    path("refusals/", refusals.refusal_list, name="refusals"),
    path("refusals/reexaminations/", refusals.reexaminations, name="reexaminations"),
    path("refusals/<str:case_number>/", refusals.refusal_detail, name="refusal"),
    path("refusals/<str:case_number>/act/<slug:action>/", refusals.refusal_act, name="refusal_act"),
    path("restrictions/", restrictions.restriction_list, name="restrictions"),
    path("restrictions/<uuid:public_id>/", restrictions.restriction_detail, name="restriction"),
    path(
        "restrictions/<uuid:public_id>/card/<slug:kind>.<slug:fmt>",
        restrictions.restriction_card,
        name="restriction_card",
    ),
    path(
        "restrictions/<uuid:public_id>/act/<slug:action>/",
        restrictions.restriction_act,
        name="restriction_act",
    ),
    path("committee/", committee.committee, name="committee"),
    path("committee/members/", committee.member_appoint, name="member_appoint"),
    path("committee/members/<uuid:public_id>/end/", committee.member_end, name="member_end"),
    path("committee/meetings/", committee.meeting_create, name="meeting_create"),
    path("committee/meetings/<uuid:public_id>/", committee.meeting_detail, name="meeting"),
    path("committee/meetings/<uuid:public_id>/act/<slug:action>/", committee.meeting_act, name="meeting_act"),
    path("committee/meetings/<uuid:public_id>/minutes.hwpx", committee.minutes_hwpx, name="minutes_hwpx"),
    path("committee/meetings/<uuid:public_id>/minutes.pdf", committee.minutes_pdf, name="minutes_pdf"),
    path("committee/items/", committee.items, name="items"),
    path("committee/items/<uuid:public_id>/", committee.item_detail, name="item"),
]
