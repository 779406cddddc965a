from django.urls import path

from gamsa.humanrights.cardnews import views

urlpatterns = [path("cardnews/", views.cardnews, name="cardnews")]
