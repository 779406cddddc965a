from django.urls import path

from gamsa.investigations.bulletins import views

app_name = "bulletins"

urlpatterns = [
    path("", views.bulletin_list, name="list"),
    path("new/", views.bulletin_create, name="create"),
    path("stats/", views.stats, name="stats"),
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<uuid:public_id>/", views.item_detail, name="item"),
    path("items/<uuid:public_id>/edit/", views.item_edit, name="item_edit"),
    path("items/<uuid:public_id>/card/", views.item_card, name="item_card"),
    path("trends/", views.trend_list, name="trends"),
    path("trends/new/", views.trend_create, name="trend_create"),
    path("trends/<uuid:public_id>/", views.trend_detail, name="trend"),
    path("<uuid:public_id>/", views.bulletin_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.bulletin_edit, name="edit"),
    path("<uuid:public_id>/post/", views.bulletin_post, name="post"),
]
