from django.urls import path

from techbridge.docking import views, views_glossary, views_matching

urlpatterns = [
    path("interests/", views.interest_list, name="interest-list"),
    path("profiles/<str:reference>/interest/", views.interest_create, name="interest-create"),
    path("interests/<int:pk>/decide/", views.interest_decide, name="interest-decide"),
    path("profiles/<str:reference>/matches/", views_matching.profile_matches, name="profile-matches"),
    path("profiles/<str:reference>/experts/", views_matching.profile_experts, name="profile-experts"),
    path("docking/", views_matching.idea_search, name="idea-search"),
    path("docking/saved/", views_matching.saved_search_list, name="saved-search-list"),
    path("docking/saved/<int:pk>/delete/", views_matching.saved_search_delete, name="saved-search-delete"),
    path("notifications/", views_matching.notification_list, name="notification-list"),
    path("docking/glossary/", views_glossary.glossary, name="glossary"),
    path("docking/glossary/<int:pk>/delete/", views_glossary.glossary_delete, name="glossary-delete"),
]
