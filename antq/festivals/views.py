"""HTML views for festival sites: list, calendar, map, register (one, a commune's table, an .xlsx
import with a dry run), view, edit and change state. Each view gets its page from a selector,
acts through a service and renders; domain errors become pages in the middleware (a refused
change of state shows the site's page again with the error, `FormPage`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import formset_factory
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.errors import NotFound
from antq.core.http import FormPage, Request, attachment, query_string
from antq.core.uploads import kept_file_drop, kept_file_read, kept_file_save
from antq.festivals import selectors, services, spreadsheets
from antq.festivals.forms import (
    BulkRowForm,
    ImportConfirmForm,
    ImportForm,
    SiteEditForm,
    SiteFilterForm,
    SiteForm,
    TransitionForm,
)
from antq.festivals.models import SiteState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KEPT = "sites"  # the kept files of site imports (antq.core.uploads)


def _int(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def _listed(plan_id: int | None) -> HttpResponse:
    return redirect(f"{reverse('festivals:list')}?{urlencode({'plan': str(plan_id)})}")


def site_list(request: Request) -> HttpResponse:
    form = SiteFilterForm(request.GET or None)
    sites = selectors.with_programme(selectors.site_list(actor=request.actor, filters=form.to_filter()))
    page = Paginator(sites, 50).get_page(request.GET.get("page"))
    return render(request, "festivals/list.html", {"form": form, "page": page, "qs": query_string(request)})


def site_calendar(request: Request) -> HttpResponse:
    form = SiteFilterForm(request.GET or None)
    mode = "week" if request.GET.get("view") == "week" else "month"
    try:
        anchor = dt.date.fromisoformat(request.GET.get("at", ""))
    except ValueError:
        anchor = timezone.localdate()
    view = selectors.site_calendar(actor=request.actor, filters=form.to_filter(), mode=mode, anchor=anchor)
    qs = query_string(request, ("page", "at", "view"))
    context = {"form": form, "view": view, "qs": qs, "today": timezone.localdate()}
    return render(request, "festivals/calendar.html", context)


def site_map(request: Request) -> HttpResponse:
    form = SiteFilterForm(request.GET or None)
    context = {"form": form, "qs": query_string(request), "map_tiles": settings.ANTQ_MAP_TILES}
    return render(request, "festivals/map.html", context)


@require_http_methods(["GET", "POST"])
def site_create(request: Request) -> HttpResponse:
    context = selectors.site_create_page(
        actor=request.actor, plan_id=_int(request.GET.get("plan")), unit_code=request.GET.get("unit", "")
    )
    form = SiteForm(request.POST or None, initial=context["initial"], plans=context["choices"], actor=request.actor)
    page = FormPage(request, "festivals/form.html", {"form": form, "title": _("Register a festival site")})
    if page.submitted():
        site = services.site_create(actor=request.actor, plan_id=form.cleaned_data["plan"], data=form.to_input())
        messages.success(request, _("Site registered: %(name)s.") % {"name": site.name})
        return redirect("festivals:detail", site_id=site.pk)
    return page.render()


def site_detail(request: Request, site_id: int) -> HttpResponse:
    return render(request, "festivals/detail.html", selectors.site_detail_page(actor=request.actor, site_id=site_id))


@require_http_methods(["GET", "POST"])
def site_edit(request: Request, site_id: int) -> HttpResponse:
    site = selectors.site_for_editing(actor=request.actor, site_id=site_id)
    form = SiteEditForm(request.POST or None, site=site, actor=request.actor)
    page = FormPage(request, "festivals/form.html", {"form": form, "site": site, "title": _("Edit the site")})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.site_update(actor=request.actor, site_id=site.pk, version=version, data=form.to_input())
        messages.success(request, _("Saved."))
        return redirect("festivals:detail", site_id=site.pk)
    return page.render()


@require_POST
def site_transition(request: Request, site_id: int) -> HttpResponse:
    form = TransitionForm(request.POST)
    context = selectors.site_detail_page(actor=request.actor, site_id=site_id, writing=True)
    page = FormPage(request, "festivals/detail.html", {**context, "form": form})
    if page.submitted():
        data = form.cleaned_data
        services.site_transition(
            actor=request.actor, site_id=site_id, version=data["version"], to=data["state"], reason=data["reason"]
        )
        messages.success(request, _("The site is now: %(state)s.") % {"state": SiteState(data["state"]).label})
        return redirect("festivals:detail", site_id=site_id)
    return page.render()


@require_http_methods(["GET", "POST"])
def site_bulk(request: Request) -> HttpResponse:
    """A commune registers a site for many of its villages and organisations in one table."""
    context = selectors.site_bulk_page(
        actor=request.actor,
        plan_id=_int(request.POST.get("plan") or request.GET.get("plan")),
        commune_code=request.POST.get("commune") or request.GET.get("commune") or "",
    )
    units = context["units"]
    formset = formset_factory(BulkRowForm, extra=0)(
        request.POST or None, initial=[{"unit": u.code, "start_time": "07:30"} for u in units], prefix="rows"
    )
    problems: list[services.RowProblem] = []
    if request.method == "POST" and formset.is_valid():
        chosen = [(number, form) for number, form in enumerate(formset.forms, start=1) if form.cleaned_data["include"]]
        result = services.sites_bulk_create(
            actor=request.actor,
            plan_id=context["plan_id"] or 0,
            rows=[form.to_input() for _number, form in chosen],
            row_numbers=[number for number, _form in chosen],
        )
        if result.ok:
            messages.success(request, _("%(n)s site(s) registered.") % {"n": len(result.created)})
            return _listed(context["plan_id"])
        problems = result.problems
    names = {u.code: u for u in units}
    rows = [(form, names.get(form["unit"].value())) for form in formset.forms]
    return render(request, "festivals/bulk.html", {**context, "formset": formset, "rows": rows, "problems": problems})


@require_http_methods(["GET", "POST"])
def site_import(request: Request) -> HttpResponse:
    """Upload -> dry run listing every problem row -> confirm. The uploaded file waits (private,
    per account) between the dry run and the confirmation, so it is not sent twice."""
    context = selectors.site_import_page(actor=request.actor, plan_id=_int(request.GET.get("plan")))
    if request.method == "POST" and request.POST.get("token"):
        return _import_confirm(request, context["choices"])
    form = ImportForm(request.POST or None, request.FILES or None, initial=context["initial"], plans=context["choices"])
    page: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        plan_id, data = form.cleaned_data["plan"], form.cleaned_data["file"].read()
        result = spreadsheets.sites_import(actor=request.actor, plan_id=plan_id, data=data, dry_run=True)
        page["result"] = result
        if result.ok:
            page.update(token=kept_file_save(actor=request.actor, kind=KEPT, data=data), plan_id=plan_id)
    return render(request, "festivals/import.html", page)


def _import_confirm(request: Request, choices: list[tuple[int, str]]) -> HttpResponse:
    confirm = ImportConfirmForm(request.POST)
    if not confirm.is_valid():
        raise NotFound()
    plan_id, token = confirm.cleaned_data["plan"], confirm.cleaned_data["token"]
    data = kept_file_read(actor=request.actor, kind=KEPT, token=token)
    if data is None:
        messages.error(request, _("The checked file has expired; upload it again."))
        return redirect("festivals:import")
    result = spreadsheets.sites_import(actor=request.actor, plan_id=plan_id, data=data, dry_run=False)
    if not result.ok:  # something changed since the dry run (a unit closed, a role removed)
        form = ImportForm(initial={"plan": plan_id}, plans=choices)
        return render(request, "festivals/import.html", {"form": form, "result": result})
    kept_file_drop(actor=request.actor, kind=KEPT, token=token)
    messages.success(request, _("%(n)s site(s) imported.") % {"n": len(result.created)})
    return _listed(plan_id)


def site_import_template(request: Request) -> HttpResponse:
    """The import template for a plan, prefilled with the units of a commune (?commune=)."""
    plan, units = selectors.site_template_units(
        actor=request.actor, plan_id=_int(request.GET.get("plan")), commune_code=request.GET.get("commune", "")
    )
    return attachment(spreadsheets.sites_template(plan=plan, units=units), XLSX, "mau-nhap-diem-to-chuc.xlsx")
