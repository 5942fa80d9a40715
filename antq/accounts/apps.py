from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "antq.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from antq.accounts.actor import load_grants
        from antq.accounts.auth_cache import auth_changed
        from antq.accounts.models import ApiToken, RoleAssignment, User
        from antq.core.actor import grants_loader
        from antq.units.signals import tree_changed

        grants_loader(load_grants)
        tree_changed.connect(auth_changed, dispatch_uid="auth-tree-changed")

        for model in (User, RoleAssignment, ApiToken):
            post_save.connect(auth_changed, sender=model, dispatch_uid=f"auth-{model.__name__}-save")
            post_delete.connect(auth_changed, sender=model, dispatch_uid=f"auth-{model.__name__}-delete")
