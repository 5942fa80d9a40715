from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    """Commendations (khen thưởng). Until issue 17 this app was `antq.honours`; its initial migration
    adopts the former app's tables on an existing database."""

    name = "antq.commendations"
    label = "commendations"
    verbose_name = _("Commendations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's prefill sources with reporting (antq.reporting.prefill).
        from antq.commendations import prefill  # noqa: F401
