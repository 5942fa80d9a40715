from django.urls import path

from antq.core import views

app_name = "core"

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="job"),
    path("jobs/<uuid:job_id>/file/", views.job_download, name="job_file"),
]
