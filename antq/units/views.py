"""HTML views for units: search, detail, add, edit, move, close and the htmx unit picker."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.http import FormPage, Request
from antq.units import selectors, services
from antq.units.forms import FLAG_FIELDS, UnitCloseForm, UnitCreateForm, UnitEditForm, UnitMoveForm, UnitSearchForm

PICKER_LIMIT = 15


def unit_list(request: Request) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_search(
        actor=request.actor,
        query=data.get("q", ""),
        province_code=data.get("province") or None,
        kinds=[data["kind"]] if data.get("kind") else None,
        include_historical=data.get("include_historical", False),
    )
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = "units/_results.html" if request.htmx else "units/list.html"
    return render(request, template, {"form": form, "page": page})


def unit_detail(request: Request, code: str) -> HttpResponse:
    context = selectors.unit_detail_page(
        actor=request.actor, code=code, history=request.GET.get("history") == "1", page=request.GET.get("page")
    )
    return render(request, "units/detail.html", context)


@require_http_methods(["GET", "POST"])
def unit_create(request: Request, code: str) -> HttpResponse:
    parent = selectors.unit_for_adding(actor=request.actor, code=code)
    form = UnitCreateForm(request.POST or None)
    title = _("Add a unit under %(unit)s") % {"unit": parent.name}
    page = FormPage(request, "units/form.html", {"form": form, "parent": parent, "title": title})
    if page.submitted():
        data = dict(form.cleaned_data)
        flags = {flag: data.pop(flag) for flag in FLAG_FIELDS}
        unit = services.unit_create(actor=request.actor, parent_code=parent.code, flags=flags, **data)
        messages.success(request, _("Added %(unit)s.") % {"unit": unit.name})
        return redirect("units:detail", code=unit.code)
    return page.render()


@require_http_methods(["GET", "POST"])
def unit_edit(request: Request, code: str) -> HttpResponse:
    unit, official_editable = selectors.unit_for_editing(actor=request.actor, code=code)
    initial = {field: getattr(unit, field) for field in ("name", "short_name", "latitude", "longitude", *FLAG_FIELDS)}
    form = UnitEditForm(
        request.POST or None, initial={**initial, "version": unit.version}, official_fields_editable=official_editable
    )
    title = _("Edit %(unit)s") % {"unit": unit.name}
    page = FormPage(request, "units/form.html", {"form": form, "unit": unit, "title": title})
    if page.submitted():
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data and not form.fields[k].disabled}
        changes.pop("version", None)
        data = services.UnitEdit.of(unit).with_changes(**changes)
        unit = services.unit_update(actor=request.actor, code=code, version=form.cleaned_data["version"], data=data)
        messages.success(request, _("Saved %(unit)s.") % {"unit": unit.name})
        return redirect("units:detail", code=unit.code)
    return page.render()


@require_http_methods(["GET", "POST"])
def unit_move(request: Request, code: str) -> HttpResponse:
    unit = selectors.unit_for_moving(actor=request.actor, code=code)
    form = UnitMoveForm(request.POST or None, initial={"version": unit.version})
    title = _("Move %(unit)s") % {"unit": unit.name}
    page = FormPage(request, "units/form.html", {"form": form, "unit": unit, "title": title})
    if page.submitted():
        data = form.cleaned_data
        services.unit_move(actor=request.actor, code=code, new_parent_code=data["new_parent"], version=data["version"])
        messages.success(request, _("Moved %(unit)s.") % {"unit": unit.name})
        return redirect("units:detail", code=code)
    return page.render()


@require_http_methods(["GET", "POST"])
def unit_close(request: Request, code: str) -> HttpResponse:
    unit = selectors.unit_for_moving(actor=request.actor, code=code)
    form = UnitCloseForm(request.POST or None, initial={"version": unit.version})
    title = _("Close %(unit)s") % {"unit": unit.name}
    page = FormPage(request, "units/form.html", {"form": form, "unit": unit, "title": title})
    if page.submitted():
        data = form.cleaned_data
        services.unit_close(
            actor=request.actor,
            code=code,
            successor_code=data["successor"],
            version=data["version"],
            closed_on=data.get("closed_on"),
        )
        messages.success(request, _("Closed %(unit)s.") % {"unit": unit.name})
        return redirect("units:detail", code=code)
    return page.render()


def unit_picker(request: Request) -> HttpResponse:
    """htmx type-ahead for the unit picker widget: ?q=...&kinds=a,b (or kind=a&kind=b)&target=<input id>."""
    kinds = [k for k in (*request.GET.getlist("kind"), *request.GET.get("kinds", "").split(",")) if k]
    units = selectors.unit_search(
        actor=request.actor,
        query=request.GET.get("q") or request.GET.get(request.GET.get("name", ""), ""),
        kinds=kinds or None,
        province_code=request.GET.get("province") or None,
        include_historical=request.GET.get("include_historical") == "1",
    )[:PICKER_LIMIT]
    return render(request, "units/_picker_results.html", {"units": units, "target": request.GET.get("target", "")})
