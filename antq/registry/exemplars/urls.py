from django.urls import path

from antq.registry.exemplars import views

urlpatterns = [
    path("", views.exemplar_list, name="exemplar_list"),
    path("new/", views.exemplar_create, name="exemplar_create"),
    path("<int:exemplar_id>/", views.exemplar_detail, name="exemplar_detail"),
    path("<int:exemplar_id>/edit/", views.exemplar_edit, name="exemplar_edit"),
    path("<int:exemplar_id>/delete/", views.exemplar_delete, name="exemplar_delete"),
    path("<int:exemplar_id>/publish/", views.exemplar_publish, name="exemplar_publish"),
    path("<int:exemplar_id>/unpublish/", views.exemplar_unpublish, name="exemplar_unpublish"),
]
