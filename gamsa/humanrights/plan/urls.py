from django.urls import path

from gamsa.humanrights.plan import views

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:year>/", views.plan_detail, name="plan"),
    path("plans/<int:year>/measures/", views.measure_add, name="measure_add"),
    path("plans/<int:year>/evaluate/", views.evaluate, name="plan_evaluate"),
]
