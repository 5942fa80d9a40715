from django.urls import path

from antq.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("picker/", views.unit_picker, name="picker"),
    path("<str:code>/", views.unit_detail, name="detail"),
    path("<str:code>/add/", views.unit_create, name="create"),
    path("<str:code>/edit/", views.unit_edit, name="edit"),
    path("<str:code>/move/", views.unit_move, name="move"),
    path("<str:code>/close/", views.unit_close, name="close"),
]
