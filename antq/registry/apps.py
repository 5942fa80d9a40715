from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "antq.registry"
    verbose_name = _("Movement registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's prefill sources with reporting (antq.reporting.prefill).
        from antq.registry import prefill  # noqa: F401
