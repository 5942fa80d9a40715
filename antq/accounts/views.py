"""HTML views: login with lockout and TOTP, account management for leaders, own API tokens."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from antq.accounts import selectors, services
from antq.accounts.forms import (
    AccountCreateForm,
    AccountEditForm,
    OtpForm,
    PasswordSetForm,
    RoleGrantForm,
    TokenCreateForm,
)
from antq.core.http import FormPage, Request


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _otp_refusal(waited: int, wait_now: int) -> str:
    """Why a code was not accepted: too many wrong codes (and how long to wait), or a wrong one."""
    if waited:
        return ngettext(
            "Too many wrong codes in a row: wait %(n)s second, then enter the code your app shows then.",
            "Too many wrong codes in a row: wait %(n)s seconds, then enter the code your app shows then.",
            waited,
        ) % {"n": waited}
    message = _("The code is wrong or has expired; enter the code your app shows now.")
    if wait_now > 1:
        message += " " + ngettext(
            "The next code can be tried in %(n)s second.", "The next code can be tried in %(n)s seconds.", wait_now
        ) % {"n": wait_now}
    return message


@require_http_methods(["GET", "POST"])
def otp_verify(request: Request) -> HttpResponse:
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = services.otp_wait_seconds(user=request.user)  # type: ignore[arg-type]
        device = None if wait else match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _otp_refusal(wait, services.otp_wait_seconds(user=request.user)))  # type: ignore[arg-type]
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@require_http_methods(["GET", "POST"])
def otp_setup(request: Request) -> HttpResponse:
    """Enrol a TOTP authenticator app: show a QR code, confirm with one code."""
    device = services.otp_device_for_enrolment(actor=request.actor)
    if device is None:
        return redirect("accounts:otp_verify")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = services.otp_wait_seconds(user=request.actor.user, device=device)
        if not wait and services.otp_enrol(actor=request.actor, device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request))
        form.add_error("token", _otp_refusal(wait, services.otp_wait_seconds(user=request.actor.user, device=device)))
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _safe_next(request),
    }
    return render(request, "accounts/otp_setup.html", context)


def account_list(request: Request) -> HttpResponse:
    users = selectors.account_list_page(
        actor=request.actor, query=request.GET.get("q", ""), unit_code=request.GET.get("unit") or None
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/list.html", {"page": page, "q": request.GET.get("q", "")})


@require_http_methods(["GET", "POST"])
def account_create(request: Request) -> HttpResponse:
    selectors.accounts_page_allowed(actor=request.actor)
    form = AccountCreateForm(request.POST or None)
    page = FormPage(request, "accounts/create.html", {"form": form})
    if page.submitted():
        user = services.user_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Created account %(name)s.") % {"name": user.username})
        return redirect("accounts:detail", user_id=user.pk)
    return page.render()


@require_http_methods(["GET", "POST"])
def account_detail(request: Request, user_id: int) -> HttpResponse:
    """An account with its roles; a manager edits it, grants and removes roles, lifts a lockout
    and resets the password, each with its own form on the page."""
    actor = request.actor
    context = selectors.account_page(actor=actor, user_id=user_id)
    user = context["account"]
    posted = request.POST.get("form") if request.method == "POST" else None
    context["edit_form"] = AccountEditForm(
        request.POST if posted == "edit" else None,
        initial={"version": user.version, **vars(services.AccountEdit.of(user))},
    )
    context["role_form"] = RoleGrantForm(request.POST if posted == "role" else None)
    context["password_form"] = PasswordSetForm(request.POST if posted == "password" else None)
    done = _ACTIONS[posted](request, context) if posted in _ACTIONS else None
    if done is not None:
        messages.success(request, done)
        return redirect("accounts:detail", user_id=user_id)
    return render(request, "accounts/detail.html", context)


def _edit(request: Request, context: dict[str, Any]) -> str | None:
    form = context["edit_form"]
    if not FormPage(request, "accounts/detail.html", context, form="edit_form").submitted():
        return None
    changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data and k != "version"}
    user = context["account"]
    data = services.AccountEdit.of(user).with_changes(**changes)
    services.user_update(actor=request.actor, user_id=user.pk, version=form.cleaned_data["version"], data=data)
    return _("Saved.")


def _grant(request: Request, context: dict[str, Any]) -> str | None:
    form = context["role_form"]
    if not FormPage(request, "accounts/detail.html", context, form="role_form").submitted():
        return None
    services.role_grant(
        actor=request.actor,
        user_id=context["account"].pk,
        unit_code=form.cleaned_data["unit"],
        role=form.cleaned_data["role"],
    )
    return _("Role granted.")


def _revoke(request: Request, context: dict[str, Any]) -> str | None:
    role_id = request.POST.get("role_id", "")
    services.role_revoke(
        actor=request.actor, user_id=context["account"].pk, assignment_id=int(role_id) if role_id.isdigit() else 0
    )
    return _("Role removed.")


def _unlock(request: Request, context: dict[str, Any]) -> str | None:
    services.user_unlock(actor=request.actor, user_id=context["account"].pk)
    return _("Lockout lifted.")


def _password(request: Request, context: dict[str, Any]) -> str | None:
    form = context["password_form"]
    if not FormPage(request, "accounts/detail.html", context, form="password_form").submitted():
        return None
    services.user_set_password(
        actor=request.actor, user_id=context["account"].pk, password=form.cleaned_data["password"]
    )
    return _("Password changed.")


_ACTIONS = {"edit": _edit, "role": _grant, "revoke": _revoke, "unlock": _unlock, "password": _password}


@require_http_methods(["GET", "POST"])
def token_list(request: Request) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "secret": None}
    page = FormPage(request, "accounts/tokens.html", context)
    if page.submitted():
        _token, context["secret"] = services.token_create(actor=request.actor, **form.cleaned_data)
        context["form"] = TokenCreateForm()
    context["tokens"] = selectors.token_list(actor=request.actor)
    return page.render()


@require_POST
def token_revoke(request: Request, token_id: int) -> HttpResponse:
    services.token_revoke(actor=request.actor, token_id=token_id)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


def audit(request: Request) -> HttpResponse:
    """The audit log of the leader's subtree, filtered; 404 for anyone who leads nowhere."""
    filters = {key: request.GET.get(key, "").strip() for key in ("action", "actor_name", "unit_code", "target")}
    entries = selectors.audit_list(actor=request.actor, **filters)
    page = Paginator(entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"page": page, "filters": filters})
