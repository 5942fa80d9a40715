"""HTML views: login with lockout and TOTP, account management for leaders, own API tokens."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.accounts import selectors, services
from antq.accounts.forms import (
    AccountCreateForm,
    AccountEditForm,
    OtpForm,
    PasswordSetForm,
    RoleGrantForm,
    TokenCreateForm,
)
from antq.accounts.permissions import can_manage_user, can_view_audit
from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import Request, form_add_errors, render_domain_error, request_actor


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired; enter the code your app shows now."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP authenticator app: show a QR code, confirm with one code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()  # type: ignore[misc]
    if device is None:
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():  # type: ignore[misc]
            return redirect("accounts:otp_verify")
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)  # type: ignore[misc]
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_entry(
                    actor=user,  # type: ignore[arg-type]
                    action="account.otp_enrol",
                    target_type="account",
                    target_id=user.pk or "",
                    target_label=user.username,  # type: ignore[union-attr]
                    scope_path=user.home_unit.path if user.home_unit else "VN/",  # type: ignore[union-attr]
                )
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired; enter the code your app shows now."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": base64.b32encode(device.bin_key).decode(),
            "next": _safe_next(request),
        },
    )


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not can_view_audit(actor):
        return render_domain_error(request, NotFound(_("Page not found.")))
    users = selectors.user_list(actor=actor, query=request.GET.get("q", ""), unit_code=request.GET.get("unit") or None)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/list.html", {"page": page, "q": request.GET.get("q", "")})


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not can_view_audit(actor):
        return render_domain_error(request, NotFound(_("Page not found.")))
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.user_create(actor=actor, home_unit_code=data.pop("home_unit"), **data)
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except Forbidden as exc:
            form_add_errors(form, ValidationFailed(errors={"home_unit": exc.message}))
        else:
            messages.success(request, _("Created account %(name)s.") % {"name": user.username})
            return redirect("accounts:detail", user_id=user.pk)
    return render(request, "accounts/create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        user = selectors.user_get(actor=actor, user_id=user_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    manageable = can_manage_user(actor, user)
    edit_form = AccountEditForm(
        request.POST if request.POST.get("form") == "edit" else None,
        initial={
            "version": user.version,
            "full_name": user.full_name,
            "position": user.position,
            "email": user.email,
            "phone": user.phone,
            "is_active": user.is_active,
        },
    )
    role_form = RoleGrantForm(request.POST if request.POST.get("form") == "role" else None)
    password_form = PasswordSetForm(request.POST if request.POST.get("form") == "password" else None)
    if request.method == "POST":
        try:
            done = _account_action(request, actor, user, edit_form, role_form, password_form)
        except DomainError as exc:
            return render_domain_error(request, exc)
        if done:
            return redirect("accounts:detail", user_id=user.pk)
    context: dict[str, Any] = {
        "account": user,
        "roles": selectors.user_roles(user=user),
        "manageable": manageable,
        "edit_form": edit_form,
        "role_form": role_form,
        "password_form": password_form,
    }
    return render(request, "accounts/detail.html", context)


def _account_action(
    request: HttpRequest,
    actor: Actor,
    user: Any,
    edit_form: AccountEditForm,
    role_form: RoleGrantForm,
    password_form: PasswordSetForm,
) -> bool:
    which = request.POST.get("form")
    if which == "edit" and edit_form.is_valid():
        data = dict(edit_form.cleaned_data)
        version = data.pop("version")
        changes = {k: v for k, v in data.items() if k in edit_form.changed_data}
        try:
            services.user_update(actor=actor, user=user, version=version, changes=changes)
        except ValidationFailed as exc:
            form_add_errors(edit_form, exc)
            return False
        except DomainError as exc:
            if exc.status == 409:
                form_add_errors(edit_form, exc)
                return False
            raise
        messages.success(request, _("Saved."))
        return True
    if which == "role" and role_form.is_valid():
        try:
            services.role_grant(
                actor=actor,
                user=user,
                unit_code=role_form.cleaned_data["unit"],
                role=role_form.cleaned_data["role"],
            )
        except ValidationFailed as exc:
            form_add_errors(role_form, exc)
            return False
        messages.success(request, _("Role granted."))
        return True
    if which == "revoke":
        try:
            assignment = selectors.role_assignment_get(actor=actor, assignment_id=int(request.POST.get("role_id", "0")))
        except ValueError:
            raise NotFound() from None
        if assignment.user_id != user.pk:
            raise NotFound()
        try:
            services.role_revoke(actor=actor, assignment=assignment)
        except ValidationFailed as exc:
            messages.error(request, exc.message)
            return True
        messages.success(request, _("Role removed."))
        return True
    if which == "unlock":
        services.user_unlock(actor=actor, user=user)
        messages.success(request, _("Lockout lifted."))
        return True
    if which == "password" and password_form.is_valid():
        try:
            services.user_set_password(actor=actor, user=user, password=password_form.cleaned_data["password"])
        except ValidationFailed as exc:
            form_add_errors(password_form, exc)
            return False
        messages.success(request, _("Password changed."))
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = TokenCreateForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(actor=actor, **form.cleaned_data)
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        else:
            form = TokenCreateForm()
    tokens = selectors.token_list(actor=actor)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "secret": secret})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        services.token_revoke(actor=actor, token=selectors.token_get(actor=actor, token_id=token_id))
    except DomainError as exc:
        return render_domain_error(request, exc)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


def audit(request: Request) -> HttpResponse:
    """The audit log of the leader's subtree, filtered; 404 for anyone who leads nowhere."""
    filters = {key: request.GET.get(key, "").strip() for key in ("action", "actor_name", "unit_code", "target")}
    entries = selectors.audit_list(actor=request.actor, **filters)
    page = Paginator(entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"page": page, "filters": filters})
