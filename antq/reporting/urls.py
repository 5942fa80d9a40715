from django.urls import path

from antq.reporting import catalogue_views, views

app_name = "reporting"

# Catalogue pages live under catalogue/ and come before "<form>/<period>/", which would swallow
# any two- or three-segment path (the services reserve the codes that could still collide).
catalogue = [
    path("catalogue/forms/", catalogue_views.form_list, name="catalogue_forms"),
    path("catalogue/forms/new/", catalogue_views.form_create, name="catalogue_form_create"),
    path("catalogue/forms/<slug:form_code>/", catalogue_views.form_edit, name="catalogue_form_edit"),
    path(
        "catalogue/forms/<slug:form_code>/indicators/",
        catalogue_views.form_indicators,
        name="catalogue_form_indicators",
    ),
    path("catalogue/indicators/new/", catalogue_views.indicator_create, name="catalogue_indicator_create"),
    path("catalogue/indicators/<slug:code>/", catalogue_views.indicator_edit, name="catalogue_indicator_edit"),
    path(
        "catalogue/indicators/<slug:code>/delete/",
        catalogue_views.indicator_delete,
        name="catalogue_indicator_delete",
    ),
    path(
        "catalogue/indicators/<slug:code>/options/new/",
        catalogue_views.option_create,
        name="catalogue_option_create",
    ),
    path(
        "catalogue/indicators/<slug:code>/options/<slug:option>/",
        catalogue_views.option_edit,
        name="catalogue_option_edit",
    ),
    path(
        "catalogue/indicators/<slug:code>/options/<slug:option>/delete/",
        catalogue_views.option_delete,
        name="catalogue_option_delete",
    ),
    path("catalogue/indicators/<slug:code>/rules/new/", catalogue_views.rule_create, name="catalogue_rule_create"),
    path("catalogue/rules/<int:rule_id>/delete/", catalogue_views.rule_delete, name="catalogue_rule_delete"),
]

urlpatterns = [
    path("", views.report_index, name="index"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("sites/<int:site_id>/", views.site_results, name="site_results"),
    *catalogue,
    path("<slug:form_code>/<str:key>/", views.period_overview, name="overview"),
    path("<slug:form_code>/<str:key>/dates/", views.period_update, name="period_update"),
    path("<slug:form_code>/<str:key>/export/", views.export, name="export"),
    path("<slug:form_code>/<str:key>/import/", views.import_values, name="import"),
    path(
        "<slug:form_code>/<str:key>/<str:unit_code>/report.<str:extension>",
        views.report_document,
        name="document",
    ),
    path("<slug:form_code>/<str:key>/<str:unit_code>/", views.report_page, name="report"),
]
