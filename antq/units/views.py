"""HTML views for units: search, detail, add, edit, move, close and the htmx unit picker."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, render_domain_error, request_actor
from antq.units import permissions, selectors, services
from antq.units.forms import FLAG_FIELDS, UnitCloseForm, UnitCreateForm, UnitEditForm, UnitMoveForm, UnitSearchForm
from antq.units.models import Unit

PICKER_LIMIT = 15


def _forbidden(unit: Unit) -> Forbidden:
    return Forbidden(_("Your role at %(unit)s does not allow this change.") % {"unit": unit.name})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_search(
        actor=request_actor(request),
        query=data.get("q", ""),
        province_code=data.get("province") or None,
        kinds=[data["kind"]] if data.get("kind") else None,
        include_historical=data.get("include_historical", False),
    )
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = "units/_results.html" if request.htmx else "units/list.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        unit = selectors.unit_get(actor=actor, code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    children = Paginator(
        selectors.unit_children(actor=actor, unit=unit, include_historical=request.GET.get("history") == "1"), 100
    ).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit=unit),
        "children": children,
        "counts": selectors.unit_subtree_counts(unit=unit) if unit.level <= 1 else {},
        "predecessors": unit.predecessors.order_by("code")[:200] if unit.is_current else [],
        "successors": unit.successors.order_by("code") if not unit.is_current else [],
        "role": actor.role_at(unit),
        "can_add": permissions.can_create_child(actor, unit),
        "can_edit": permissions.can_edit_unit(actor, unit) and unit.is_current,
        "can_move": permissions.can_move_or_close(actor, unit),
    }
    return render(request, "units/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        parent = selectors.unit_get(actor=actor, code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_create_child(actor, parent):
        return render_domain_error(request, _forbidden(parent))
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        flags = {flag: data.pop(flag) for flag in FLAG_FIELDS}
        try:
            unit = services.unit_create(actor=actor, parent_code=parent.code, flags=flags, **data)
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Added %(unit)s.") % {"unit": unit.name})
            return redirect("units:detail", code=unit.code)
    return render(
        request,
        "units/form.html",
        {"form": form, "parent": parent, "title": _("Add a unit under %(unit)s") % {"unit": parent.name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        unit = selectors.unit_get(actor=actor, code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not (permissions.can_edit_unit(actor, unit) and unit.is_current):
        return render_domain_error(request, _forbidden(unit))
    official_editable = permissions.is_local_or_organisation(unit) or permissions.can_edit_official_fields(actor, unit)
    initial = {field: getattr(unit, field) for field in ("name", "short_name", "latitude", "longitude", *FLAG_FIELDS)}
    initial["version"] = unit.version
    form = UnitEditForm(request.POST or None, initial=initial, official_fields_editable=official_editable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        changes = {k: v for k, v in data.items() if k in form.changed_data and not form.fields[k].disabled}
        try:
            unit = services.unit_update(actor=actor, unit=unit, version=version, changes=changes)
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            if exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            messages.success(request, _("Saved %(unit)s.") % {"unit": unit.name})
            return redirect("units:detail", code=unit.code)
    return render(
        request, "units/form.html", {"form": form, "unit": unit, "title": _("Edit %(unit)s") % {"unit": unit.name}}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request: HttpRequest, code: str) -> HttpResponse:
    return _move_or_close(request, code, UnitMoveForm, "move")


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: HttpRequest, code: str) -> HttpResponse:
    return _move_or_close(request, code, UnitCloseForm, "close")


def _move_or_close(request: HttpRequest, code: str, form_class: type, action: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        unit = selectors.unit_get(actor=actor, code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_move_or_close(actor, unit):
        return render_domain_error(request, _forbidden(unit))
    form = form_class(request.POST or None, initial={"version": unit.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "move":
                services.unit_move(actor=actor, unit=unit, new_parent_code=data["new_parent"], version=data["version"])
                messages.success(request, _("Moved %(unit)s.") % {"unit": unit.name})
            else:
                services.unit_close(
                    actor=actor,
                    unit=unit,
                    successor_code=data["successor"],
                    version=data["version"],
                    closed_on=data.get("closed_on"),
                )
                messages.success(request, _("Closed %(unit)s.") % {"unit": unit.name})
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            if exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            return redirect("units:detail", code=unit.code)
    title = _("Move %(unit)s") if action == "move" else _("Close %(unit)s")
    return render(request, "units/form.html", {"form": form, "unit": unit, "title": title % {"unit": unit.name}})


@login_required
def unit_picker(request: HttpRequest) -> HttpResponse:
    """htmx type-ahead for the unit picker widget: ?q=...&kind=...&target=<input id>."""
    kinds = [k for k in request.GET.getlist("kind") if k]
    units = selectors.unit_search(
        actor=request_actor(request),
        query=request.GET.get("q") or request.GET.get(request.GET.get("name", ""), ""),
        kinds=kinds or None,
        province_code=request.GET.get("province") or None,
        include_historical=request.GET.get("include_historical") == "1",
    )[:PICKER_LIMIT]
    return render(request, "units/_picker_results.html", {"units": units, "target": request.GET.get("target", "")})
