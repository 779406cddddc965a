from django.urls import path

from gamsa.integrity.cardnews import views

urlpatterns = [path("cardnews/", views.cardnews, name="cardnews")]
