from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "antq.reporting"
    verbose_name = _("Results and reporting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the festival sites' prefill sources and the export job kind; draft reports
        # follow records moved by a re-keying of places.
        from antq.core.placement import placement_changed
        from antq.reporting.files import exports  # noqa: F401
        from antq.reporting.reports.drafts import places_changed
        from antq.reporting.results import prefill  # noqa: F401

        placement_changed.connect(places_changed, dispatch_uid="reporting-places-changed")
