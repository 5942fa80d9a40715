from django.urls import include, path

from antq.registry.initiatives import views

urlpatterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("counts/", views.initiative_counts, name="initiative_counts"),
    path("new/", views.initiative_create, name="initiative_create"),
    path("sources/", views.initiative_sources, name="initiative_sources"),
    path("<int:initiative_id>/", views.initiative_detail, name="initiative_detail"),
    path("<int:initiative_id>/edit/", views.initiative_edit, name="initiative_edit"),
    path("<int:initiative_id>/status/", views.initiative_status, name="initiative_status"),
    path("<int:initiative_id>/evaluate/", views.initiative_evaluate, name="initiative_evaluate"),
    path("<int:initiative_id>/photos/", views.initiative_photo_add, name="initiative_photo_add"),
    path("<int:initiative_id>/photos/<int:photo_id>/", views.initiative_photo, name="initiative_photo"),
    path(
        "<int:initiative_id>/photos/<int:photo_id>/delete/",
        views.initiative_photo_delete,
        name="initiative_photo_delete",
    ),
    path("<int:initiative_id>/delete/", views.initiative_delete, name="initiative_delete"),
    path("types/", include("antq.registry.initiatives.types.urls")),
]
