"""Small helpers the tests share."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.accounts.models import User


def login(client: Client, account: User) -> Client:
    """Log in without the password form; administrators also pass the second factor."""
    client.force_login(account)
    device = TOTPDevice.objects.filter(user=account, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
