"""The movement registry's pages: initiatives (and their types) at /registry/, exemplars at
/registry/exemplars/, emulation pledges at /registry/pledges/ — one namespace, "registry"."""

from django.urls import include, path

app_name = "registry"

urlpatterns = [
    path("", include("antq.registry.initiatives.urls")),
    path("exemplars/", include("antq.registry.exemplars.urls")),
    path("pledges/", include("antq.registry.pledges.urls")),
]
