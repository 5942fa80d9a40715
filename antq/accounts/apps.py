from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "antq.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from antq.accounts.auth_cache import auth_changed
        from antq.accounts.models import ApiToken, RoleAssignment, User

        for model in (User, RoleAssignment, ApiToken):
            post_save.connect(auth_changed, sender=model, dispatch_uid=f"auth-{model.__name__}-save")
            post_delete.connect(auth_changed, sender=model, dispatch_uid=f"auth-{model.__name__}-delete")
