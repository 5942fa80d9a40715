"""Django's own messages that its Vietnamese catalogue leaves in English (the password length
rule): listed here so `make messages` keeps them in ours, which Django reads first (LOCALE_PATHS).
Never formatted here; the strings are the exact msgids Django uses."""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)
PASSWORD_LENGTH_HELP = ngettext_lazy(
    "Your password must contain at least %(min_length)d character.",
    "Your password must contain at least %(min_length)d characters.",
)
