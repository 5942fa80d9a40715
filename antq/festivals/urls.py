from django.urls import path

from antq.festivals import views

app_name = "festivals"

urlpatterns = [
    path("", views.site_list, name="list"),
    path("calendar/", views.site_calendar, name="calendar"),
    path("map/", views.site_map, name="map"),
    path("new/", views.site_create, name="create"),
    path("bulk/", views.site_bulk, name="bulk"),
    path("import/", views.site_import, name="import"),
    path("import/template.xlsx", views.site_import_template, name="import_template"),
    path("<int:site_id>/", views.site_detail, name="detail"),
    path("<int:site_id>/edit/", views.site_edit, name="edit"),
    path("<int:site_id>/state/", views.site_transition, name="transition"),
]
