from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    name = "antq.festivals"
    verbose_name = _("Festival sites")
    default_auto_field = "django.db.models.BigAutoField"
