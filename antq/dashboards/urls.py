from django.urls import path

from antq.dashboards import views

app_name = "dashboards"

urlpatterns = [path("", views.dashboard_page, name="show")]
