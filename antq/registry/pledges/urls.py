from django.urls import path

from antq.registry.pledges import views

urlpatterns = [
    path("", views.pledge_list, name="pledge_list"),
    path("new/", views.pledge_create, name="pledge_create"),
    path("choices/", views.pledge_choices, name="pledge_choices"),
    path("<int:pledge_id>/", views.pledge_detail, name="pledge_detail"),
    path("<int:pledge_id>/edit/", views.pledge_edit, name="pledge_edit"),
    path("<int:pledge_id>/delete/", views.pledge_delete, name="pledge_delete"),
]
