from django.urls import path

from antq.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("sites/<int:site_id>/", views.site_results, name="site_results"),
    path("<slug:form_code>/<str:key>/", views.period_overview, name="overview"),
    path("<slug:form_code>/<str:key>/dates/", views.period_update, name="period_update"),
    path("<slug:form_code>/<str:key>/<str:unit_code>/", views.report_page, name="report"),
]
