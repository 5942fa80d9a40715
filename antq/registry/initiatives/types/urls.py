from django.urls import path

from antq.registry.initiatives.types import views

urlpatterns = [
    path("", views.type_list, name="type_list"),
    path("new/", views.type_create, name="type_create"),
    path("<slug:code>/", views.type_edit, name="type_edit"),
]
