from django.urls import path

from antq.registry import views

app_name = "registry"

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
    path("types/", views.type_list, name="type_list"),
    path("types/new/", views.type_create, name="type_create"),
    path("types/<slug:code>/", views.type_edit, name="type_edit"),
]

# Exemplars and emulation pledges.
from antq.registry import exemplar_views, pledge_views  # noqa: E402

urlpatterns += [
    path("exemplars/", exemplar_views.exemplar_list, name="exemplar_list"),
    path("exemplars/new/", exemplar_views.exemplar_create, name="exemplar_create"),
    path("exemplars/<int:exemplar_id>/", exemplar_views.exemplar_detail, name="exemplar_detail"),
    path("exemplars/<int:exemplar_id>/edit/", exemplar_views.exemplar_edit, name="exemplar_edit"),
    path("exemplars/<int:exemplar_id>/delete/", exemplar_views.exemplar_delete, name="exemplar_delete"),
    path("exemplars/<int:exemplar_id>/publish/", exemplar_views.exemplar_publish, name="exemplar_publish"),
    path("exemplars/<int:exemplar_id>/unpublish/", exemplar_views.exemplar_unpublish, name="exemplar_unpublish"),
    path("pledges/", pledge_views.pledge_list, name="pledge_list"),
    path("pledges/new/", pledge_views.pledge_create, name="pledge_create"),
    path("pledges/choices/", pledge_views.pledge_choices, name="pledge_choices"),
    path("pledges/<int:pledge_id>/", pledge_views.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pledge_id>/edit/", pledge_views.pledge_edit, name="pledge_edit"),
    path("pledges/<int:pledge_id>/delete/", pledge_views.pledge_delete, name="pledge_delete"),
]
