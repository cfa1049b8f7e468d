from django.urls import path

from techbridge.docking import views

urlpatterns = [
    path("interests/", views.interest_list, name="interest-list"),
    path("profiles/<str:reference>/interest/", views.interest_create, name="interest-create"),
    path("interests/<int:pk>/decide/", views.interest_decide, name="interest-decide"),
]
