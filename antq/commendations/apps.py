from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "antq.commendations"
    verbose_name = _("Commendations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's prefill sources with reporting (antq.reporting.prefill).
        from antq.commendations import prefill  # noqa: F401
