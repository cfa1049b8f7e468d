"""Root URLs with planning's pages, for tests run before the app is wired into techbridge.web.urls."""

from django.urls import include, path

from techbridge.web.urls import urlpatterns as web_urlpatterns

urlpatterns = [*web_urlpatterns, path("", include("techbridge.planning.urls"))]
