from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    name = "antq.festivals"
    verbose_name = _("Festival sites")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the site counts of the progress board and the window check of amendments
        # with plans (antq.plans.hooks), which sits below festivals and may not import it.
        from antq.festivals import hooks  # noqa: F401
