from django.urls import path

from techbridge.marketplace import views

urlpatterns = [
    path("profiles/", views.profile_list, name="profile-list"),
    path("profiles/new/", views.profile_create, name="profile-create"),
    path("profiles/check/", views.profile_check, name="profile-check"),
    path("profiles/<str:reference>/", views.profile_detail, name="profile-detail"),
    path("profiles/<str:reference>/edit/", views.profile_edit, name="profile-edit"),
    path("profiles/<str:reference>/action/", views.profile_action, name="profile-action"),
    path("review/", views.review_queue, name="review-queue"),
]
