from django.urls import include, path
from django.views.i18n import set_language

from antq.core.views import health
from config.api import api

urlpatterns = [
    path("health", health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("accounts/", include("antq.accounts.urls")),
    path("units/", include("antq.units.urls")),
    path("plans/", include("antq.plans.urls")),
    path("sites/", include("antq.festivals.urls")),
    path("reports/", include("antq.reporting.urls")),
    path("registry/", include("antq.registry.urls")),
    path("honours/", include("antq.honours.urls")),
    path("dashboard/", include("antq.dashboards.urls")),
    path("", include("antq.core.urls")),
]

handler404 = "antq.core.handlers.not_found"
