from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "antq.reporting"
    verbose_name = _("Results and reporting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the export job kind with the job queue.
        from antq.core.placement import placement_changed
        from antq.reporting import exports  # noqa: F401
        from antq.reporting.services.sites import places_changed

        placement_changed.connect(places_changed, dispatch_uid="reporting-places-changed")
