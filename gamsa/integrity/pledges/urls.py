from django.urls import path

from gamsa.integrity.pledges import views

urlpatterns = [
    path("pledge/", views.my_pledge, name="my_pledge"),
    path("pledges/", views.rates, name="pledge_rates"),
    path("pledges/unit/", views.unit_status, name="pledge_unit"),
    path("pledges/texts/", views.texts, name="pledge_texts"),
]
