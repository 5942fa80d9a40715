"""HTML views for exemplars: list with filters, record, view, edit, delete (with a confirmation
page), publish to the public portal and take off it (leaders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, query_string, render_domain_error, request_actor
from antq.registry import exemplar_selectors as selectors
from antq.registry import exemplar_services as services
from antq.registry import permissions
from antq.registry.exemplar_forms import ExemplarEditForm, ExemplarFilterForm, ExemplarForm, VersionForm
from antq.registry.models import Exemplar


@login_required
def exemplar_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = ExemplarFilterForm(request.GET or None)
    exemplars = selectors.exemplar_list(actor=actor, filters=form.to_filter())
    page = Paginator(exemplars, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/exemplars/list.html",
        {"form": form, "page": page, "qs": query_string(request), "can_record": bool(actor.paths_with("officer"))},
    )


def _with_initiatives(form: ExemplarForm, actor: Actor, selected: int | None = None) -> ExemplarForm:
    choices = selectors.exemplar_initiative_choices(actor=actor, selected=selected)
    form.fields["initiative"].choices = [("", _("— none —")), *choices]  # type: ignore[attr-defined]
    return form


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.paths_with("officer"):
        return render_domain_error(
            request, Forbidden(_("Your roles only allow viewing exemplars; an officer records them."))
        )
    grant = actor.home_grant
    home = grant.unit_code if grant is not None and grant.level > 0 else ""  # the nation holds no records
    initial: dict[str, Any] = {"unit": request.GET.get("unit") or home}
    form = _with_initiatives(ExemplarForm(request.POST or None, initial=initial), actor)
    if request.method == "POST" and form.is_valid():
        try:
            exemplar = services.exemplar_create(actor=actor, data=form.to_input())
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Exemplar recorded: %(name)s.") % {"name": exemplar.name})
            return redirect("registry:exemplar_detail", exemplar_id=exemplar.pk)
    return render(request, "registry/exemplars/form.html", {"form": form, "title": _("Record an exemplar")})


@login_required
def exemplar_detail(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        exemplar = selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return render(
        request,
        "registry/exemplars/detail.html",
        {
            "exemplar": exemplar,
            "can_write": permissions.can_write_records(actor, exemplar.unit),
            "can_publish": permissions.can_publish_exemplar(actor, exemplar.unit),
        },
    )


def _for_write(request: HttpRequest, exemplar_id: int) -> tuple[Actor, Exemplar]:
    actor = request_actor(request)
    exemplar = selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)
    if not permissions.can_write_records(actor, exemplar.unit):
        raise Forbidden(_("Your role does not allow changing this exemplar."))
    return actor, exemplar


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_edit(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    try:
        actor, exemplar = _for_write(request, exemplar_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    initial = {
        "kind": exemplar.kind,
        "category": exemplar.category,
        "name": exemplar.name,
        "position": exemplar.position,
        "unit": exemplar.unit.code,
        "year": exemplar.year,
        "summary": exemplar.summary,
        "story": exemplar.story,
        "initiative": exemplar.initiative_id,
        "version": exemplar.version,
    }
    form = _with_initiatives(ExemplarEditForm(request.POST or None, initial=initial), actor, exemplar.initiative_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.exemplar_update(
                actor=actor, exemplar_id=exemplar.pk, version=form.cleaned_data["version"], data=form.to_input()
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) or exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            if exemplar.is_published:
                messages.success(
                    request, _("Saved. The exemplar is off the public portal until a leader publishes it again.")
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("registry:exemplar_detail", exemplar_id=exemplar.pk)
    return render(
        request,
        "registry/exemplars/form.html",
        {"form": form, "exemplar": exemplar, "title": _("Edit the exemplar")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_delete(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the version) deletes."""
    try:
        actor, exemplar = _for_write(request, exemplar_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = VersionForm(request.POST or None, initial={"version": exemplar.version})
    if request.method == "POST":
        if not form.is_valid():
            return render_domain_error(request, ValidationFailed(_("The form was incomplete; reload the page.")))
        try:
            services.exemplar_delete(actor=actor, exemplar_id=exemplar.pk, version=form.cleaned_data["version"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("registry:exemplar_detail", exemplar_id=exemplar.pk)
        messages.success(request, _("Exemplar deleted: %(name)s.") % {"name": exemplar.name})
        return redirect("registry:exemplar_list")
    return render(request, "registry/exemplars/delete.html", {"exemplar": exemplar, "form": form})


def _publishing(request: HttpRequest, exemplar_id: int, act: Callable[..., Exemplar], done: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        exemplar = selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_publish_exemplar(actor, exemplar.unit):
        return render_domain_error(
            request, Forbidden(_("Only a leader covering the exemplar's unit publishes it or takes it off the portal."))
        )
    form = VersionForm(request.POST)
    if not form.is_valid():
        return render_domain_error(request, ValidationFailed(_("The form was incomplete; reload the page.")))
    try:
        act(actor=actor, exemplar_id=exemplar.pk, version=form.cleaned_data["version"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("registry:exemplar_detail", exemplar_id=exemplar.pk)


@login_required
@require_POST
def exemplar_publish(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    return _publishing(request, exemplar_id, services.exemplar_publish, _("Published on the public portal."))


@login_required
@require_POST
def exemplar_unpublish(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    return _publishing(request, exemplar_id, services.exemplar_unpublish, _("Taken off the public portal."))
