from django.urls import path

from antq.reporting.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("forms/", views.form_list, name="forms"),
    path("forms/new/", views.form_create, name="form_create"),
    path("forms/<slug:form_code>/", views.form_edit, name="form_edit"),
    path("forms/<slug:form_code>/indicators/", views.form_indicators, name="form_indicators"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<slug:code>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicators/<slug:code>/options/new/", views.option_create, name="option_create"),
    path("indicators/<slug:code>/options/<slug:option>/", views.option_edit, name="option_edit"),
    path("indicators/<slug:code>/options/<slug:option>/delete/", views.option_delete, name="option_delete"),
    path("indicators/<slug:code>/rules/new/", views.rule_create, name="rule_create"),
    path("rules/<int:rule_id>/delete/", views.rule_delete, name="rule_delete"),
]
