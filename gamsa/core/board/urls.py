from django.urls import path

from gamsa.core.board import views

app_name = "board"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.post_create, name="create"),
    path("<uuid:public_id>/", views.post_detail, name="detail"),
    path("<uuid:public_id>/receipts/", views.post_receipts, name="receipts"),
    path("<uuid:public_id>/withdraw/", views.post_withdraw, name="withdraw"),
]
