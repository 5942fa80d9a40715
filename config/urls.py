from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language

from antq.accounts.views import audit
from antq.core.handlers import unmatched
from antq.core.views import health
from antq.dashboards.views import home
from config.api import api

urlpatterns = [
    path("", home, name="home"),
    path("health", health, name="health"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("audit/", audit, name="audit"),
    path("api/", api.urls),
    path("accounts/", include("antq.accounts.urls")),
    path("units/", include("antq.units.urls")),
    path("plans/", include("antq.plans.urls")),
    path("sites/", include("antq.festivals.urls")),
    path("reports/", include("antq.reporting.urls")),
    path("catalogue/", include("antq.reporting.catalogue.urls")),
    path("registry/", include("antq.registry.urls")),
    path("commendations/", include("antq.commendations.urls")),
    path("dashboard/", include("antq.dashboards.urls")),
    path("", include("antq.core.urls")),
    # Last: an address nothing matches gets the Vietnamese 404 page (API: the JSON error shape) in
    # every mode; with DEBUG on, Django's own page would list every URL pattern.
    re_path(r"^(?P<path>.*)$", unmatched, name="not_found"),
]

handler404 = "antq.core.handlers.not_found"
handler500 = "antq.core.handlers.server_error"
