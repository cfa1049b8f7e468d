"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from techbridge.accounts.views import LoginView
from techbridge.web import views
from techbridge.web.api import api

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    path("language/", views.switch_language, name="set-language"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("techbridge.directory.urls")),
    path("", include("techbridge.marketplace.urls")),
    path("", include("techbridge.docking.urls")),
    path("", include("techbridge.dataio.urls")),
    path("", include("techbridge.jobs.urls")),
    path("", include("techbridge.evaluation.urls")),
    path("", include("techbridge.planning.urls")),
    path("", include("techbridge.events.urls")),
    path("", include("techbridge.cases.urls")),
]
