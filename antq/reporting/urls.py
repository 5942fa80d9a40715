from django.urls import path

from antq.reporting.catalogue import views as catalogue
from antq.reporting.files import views as files
from antq.reporting.reports import views as reports
from antq.reporting.results import views as results

app_name = "reporting"

# "sites/" and "indicators/" come before "<form>/<period>/", which would swallow any two-segment path.
urlpatterns = [
    path("", reports.report_index, name="index"),
    path("indicators/", catalogue.indicators, name="indicators"),
    path("sites/<int:site_id>/", results.site_results, name="site_results"),
    path("<slug:form_code>/<str:key>/", reports.period_overview, name="overview"),
    path("<slug:form_code>/<str:key>/dates/", reports.period_update, name="period_update"),
    path("<slug:form_code>/<str:key>/export/", files.export, name="export"),
    path("<slug:form_code>/<str:key>/import/", files.import_values, name="import"),
    path(
        "<slug:form_code>/<str:key>/<str:unit_code>/report.<str:extension>",
        files.report_document,
        name="document",
    ),
    path("<slug:form_code>/<str:key>/<str:unit_code>/", reports.report_page, name="report"),
]
