"""HTML views for festival sites: list, calendar, map, register (one, a commune's table, an .xlsx
import with a dry run), view, edit and change state."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, query_string, render_domain_error, request_actor
from antq.festivals import permissions, selectors, services, spreadsheets
from antq.festivals.forms import BulkRowForm, ImportForm, SiteEditForm, SiteFilterForm, SiteForm, TransitionForm
from antq.festivals.models import SITE_TRANSITIONS, FestivalSite, SiteState
from antq.festivals.selectors import SiteFilter
from antq.festivals.services import SiteInput
from antq.plans.models import IN_FORCE_STATES, Plan
from antq.plans.permissions import plans_visible_to
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_DIR = "imports"


def _filters(request: HttpRequest) -> tuple[SiteFilterForm, SiteFilter]:
    form = SiteFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    tier = data.get("pilot_tier") or "any"
    return form, SiteFilter(
        year=data.get("year"),
        plan_id=data.get("plan"),
        unit_code=(data.get("unit") or "").strip(),
        pilot_tier=None if tier == "any" else ("" if tier == "none" else tier),
        state=data.get("state") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        query=data.get("q") or "",
    )


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    sites = selectors.with_programme(selectors.site_list(actor=request_actor(request), filters=filters))
    page = Paginator(sites, 50).get_page(request.GET.get("page"))
    return render(request, "festivals/list.html", {"form": form, "page": page, "qs": query_string(request)})


@login_required
def site_calendar(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    mode = "week" if request.GET.get("view") == "week" else "month"
    try:
        anchor = dt.date.fromisoformat(request.GET.get("at", ""))
    except ValueError:
        anchor = timezone.localdate()
    view = selectors.site_calendar(actor=request_actor(request), filters=filters, mode=mode, anchor=anchor)
    return render(
        request,
        "festivals/calendar.html",
        {
            "form": form,
            "view": view,
            "qs": query_string(request, ("page", "at", "view")),
            "today": timezone.localdate(),
        },
    )


@login_required
def site_map(request: HttpRequest) -> HttpResponse:
    form, _filters_unused = _filters(request)
    return render(
        request,
        "festivals/map.html",
        {"form": form, "qs": query_string(request), "map_tiles": settings.ANTQ_MAP_TILES},
    )


def _require_officer(actor: Actor) -> None:
    """Registering sites is officers' work; viewers get a clear refusal instead of a form."""
    if not actor.paths_with("officer"):
        raise Forbidden(_("Your roles only allow viewing sites; an officer registers them."))


def _plan_choices(actor: Actor, selected: int | None = None) -> list[tuple[int, str]]:
    plans = (
        plans_visible_to(actor)
        .filter(state__in=IN_FORCE_STATES)
        .select_related("issuer")
        .order_by("-year", "-issuer__level", "issuer__path")[:300]
    )
    choices = [(p.pk, f"{p.reference} · {p.issuer.name} ({p.year})") for p in plans]
    return choices


def _default_plan(actor: Actor) -> int | None:
    """The most specific plan in force covering the actor's first unit."""
    grant = actor.home_grant
    if grant is None:
        return None
    ancestors = [grant.path[: i + 1] for i, ch in enumerate(grant.path) if ch == "/"]
    plan = (
        plans_visible_to(actor)
        .filter(state__in=IN_FORCE_STATES, issuer__path__in=ancestors)
        .order_by("-year", "-issuer__level")
        .first()
    )
    return plan.pk if plan else None


@login_required
@require_http_methods(["GET", "POST"])
def site_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    try:
        _require_officer(actor)
    except Forbidden as exc:
        return render_domain_error(request, exc)
    choices = _plan_choices(actor)
    if not choices:
        return render_domain_error(
            request, ValidationFailed(_("No plan in force covers your area yet; sites are registered under a plan."))
        )
    initial: dict[str, Any] = {"plan": request.GET.get("plan") or _default_plan(actor), "start_time": "07:30"}
    if request.GET.get("unit"):
        initial["unit"] = request.GET["unit"]
    form = SiteForm(request.POST or None, initial=initial)
    form.fields["plan"].choices = choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(actor=actor, plan_id=form.cleaned_data["plan"], data=form.to_input())
        except ValidationFailed as exc:
            form_add_errors(form, _map_errors(exc))
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Site registered: %(name)s.") % {"name": site.name})
            return redirect("festivals:detail", site_id=site.pk)
    return render(request, "festivals/form.html", {"form": form, "title": _("Register a festival site")})


def _map_errors(exc: ValidationFailed) -> ValidationFailed:
    """Service field names -> form field names (the form splits date and time)."""
    renamed = {{"starts_at": "date"}.get(k, k): v for k, v in exc.errors.items()}
    return ValidationFailed(exc.message, errors=renamed)


@login_required
def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        site = selectors.site_get(actor=actor, site_id=site_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    can_write = permissions.can_write_site(actor, site.unit)
    transitions = [SiteState(s) for s in SiteState.values if s in SITE_TRANSITIONS[site.state] and s != "reported"]
    return render(
        request,
        "festivals/detail.html",
        {
            "site": site,
            "can_write": can_write,
            "transitions": transitions,
            "programme": [(p.part, p.get_item_display()) for p in site.programme.all()],
            "site_day_come": timezone.localtime(site.starts_at).date() <= timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request: HttpRequest, site_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        site = selectors.site_get(actor=actor, site_id=site_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_write_site(actor, site.unit):
        return render_domain_error(request, Forbidden(_("Your role does not allow changing this site.")))
    local = timezone.localtime(site.starts_at)
    initial = {
        "plan": site.plan_id,
        "unit": site.unit.code,
        "name": site.name,
        "date": local.date(),
        "start_time": local.time(),
        "end_time": timezone.localtime(site.ends_at).time() if site.ends_at else None,
        "venue": site.venue,
        "latitude": site.latitude,
        "longitude": site.longitude,
        "pilot_tier": site.pilot_tier,
        "programme": [p.item for p in site.programme.all()],
        "invited_leaders": site.invited_leaders,
        "expected_participants": site.expected_participants,
        "version": site.version,
    }
    form = SiteEditForm(request.POST or None, initial=initial)
    form.fields["plan"].choices = [(site.plan_id, f"{site.plan.reference} · {site.plan.issuer.name}")]  # type: ignore
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(actor=actor, site=site, version=form.cleaned_data["version"], data=form.to_input())
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) or exc.status == 409:
                form_add_errors(form, _map_errors(exc) if isinstance(exc, ValidationFailed) else exc)
            else:
                return render_domain_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("festivals:detail", site_id=site.pk)
    return render(request, "festivals/form.html", {"form": form, "site": site, "title": _("Edit the site")})


@login_required
@require_POST
def site_transition(request: HttpRequest, site_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        site = selectors.site_get(actor=actor, site_id=site_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_write_site(actor, site.unit):
        return render_domain_error(request, Forbidden(_("Your role does not allow changing this site.")))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return redirect("festivals:detail", site_id=site.pk)
    data = form.cleaned_data
    try:
        services.site_transition(
            actor=actor, site=site, version=data["version"], to=data["state"], reason=data.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The site is now: %(state)s.") % {"state": SiteState(data["state"]).label})
    return redirect("festivals:detail", site_id=site.pk)


def _organisers_in(commune: Unit) -> list[Unit]:
    """A commune and the villages and organisations below it: the units that hold its sites."""
    below = Unit.objects.filter(commune=commune, kind__in=LOCAL_KINDS | ORGANISATION_KINDS, closed_on__isnull=True)
    return [commune, *below.order_by("kind", "name")]


def _plan_or_error(request: HttpRequest, actor: Actor, raw: str | None) -> Plan:
    try:
        plan_id = int(raw or "")
    except ValueError as exc:
        raise ValidationFailed(errors={"plan": _("Choose a plan.")}) from exc
    return services.plan_for_sites(actor=actor, plan_id=plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def site_bulk(request: HttpRequest) -> HttpResponse:
    """A commune registers a site for many of its villages and organisations in one table."""
    actor = request_actor(request)
    try:
        _require_officer(actor)
    except Forbidden as exc:
        return render_domain_error(request, exc)
    choices = _plan_choices(actor)
    plan_id = request.POST.get("plan") or request.GET.get("plan") or _default_plan(actor)
    commune_code = request.POST.get("commune") or request.GET.get("commune") or ""
    commune = Unit.objects.filter(code=commune_code, kind__in=COMMUNE_KINDS, closed_on__isnull=True).first()
    if commune is None or not permissions.can_write_site(actor, commune):
        commune = next(
            (
                u
                for u in Unit.objects.filter(code__in=[g.unit_code for g in actor.grants], kind__in=COMMUNE_KINDS)
                if permissions.can_write_site(actor, u)
            ),
            None,
        )
    units = _organisers_in(commune) if commune else []
    RowFormSet = formset_factory(BulkRowForm, extra=0)
    initial = [{"unit": u.code, "start_time": "07:30"} for u in units]
    formset = RowFormSet(request.POST or None, initial=initial, prefix="rows")
    problems: list[services.RowProblem] = []
    if request.method == "POST" and formset.is_valid():
        rows: list[SiteInput] = []
        numbers: list[int] = []
        for index, row_form in enumerate(formset.forms, start=1):
            data = row_form.cleaned_data
            if not data.get("include"):
                continue
            rows.append(
                SiteInput(
                    unit_code=data["unit"],
                    date=data.get("date"),
                    start_time=data.get("start_time"),
                    venue=data.get("venue") or "",
                    expected_participants=data.get("expected_participants"),
                )
            )
            numbers.append(index)
        try:
            result = services.sites_bulk_create(actor=actor, plan_id=int(plan_id or 0), rows=rows, row_numbers=numbers)
        except DomainError as exc:
            return render_domain_error(request, exc)
        if result.ok:
            messages.success(request, _("%(n)s site(s) registered.") % {"n": len(result.created)})
            return redirect(f"{reverse('festivals:list')}?{urlencode({'plan': str(plan_id)})}")
        problems = result.problems
    names = {u.code: u for u in units}
    rows_view = [(form, names.get(form["unit"].value())) for form in formset.forms]
    return render(
        request,
        "festivals/bulk.html",
        {
            "formset": formset,
            "rows": rows_view,
            "choices": choices,
            "plan_id": int(plan_id) if plan_id else None,
            "commune": commune,
            "problems": problems,
        },
    )


def _import_path(user_id: int, token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORT_DIR / f"{user_id}-{token}.xlsx"


@login_required
@require_http_methods(["GET", "POST"])
def site_import(request: HttpRequest) -> HttpResponse:
    """Upload -> dry run listing every problem row -> confirm. The uploaded file waits (private,
    per account) between the dry run and the confirmation, so it is not sent twice."""
    actor = request_actor(request)
    try:
        _require_officer(actor)
    except Forbidden as exc:
        return render_domain_error(request, exc)
    choices = _plan_choices(actor)
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"plan": request.GET.get("plan") or _default_plan(actor)}
    )
    form.fields["plan"].choices = choices  # type: ignore[attr-defined]
    context: dict[str, Any] = {"form": form}
    token = request.POST.get("token", "")
    if request.method == "POST" and token:
        return _import_confirm(request, actor, token)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            result = spreadsheets.sites_import(actor=actor, plan_id=form.cleaned_data["plan"], data=data, dry_run=True)
        except DomainError as exc:
            return render_domain_error(request, exc)
        context["result"] = result
        if result.ok:
            token = uuid.uuid4().hex
            path = _import_path(int(request.user.pk or 0), token)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            context.update(token=token, plan_id=form.cleaned_data["plan"])
    return render(request, "festivals/import.html", context)


def _import_confirm(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    if not token.isalnum():
        return render_domain_error(request, NotFound())
    path = _import_path(int(request.user.pk or 0), token)
    if not path.exists():
        messages.error(request, _("The checked file has expired; upload it again."))
        return redirect("festivals:import")
    try:
        plan_id = int(request.POST.get("plan", "0"))
        result = spreadsheets.sites_import(actor=actor, plan_id=plan_id, data=path.read_bytes(), dry_run=False)
    except (DomainError, ValueError) as exc:
        return render_domain_error(request, exc if isinstance(exc, DomainError) else NotFound())
    if not result.ok:  # something changed since the dry run (a unit closed, a role removed)
        form = ImportForm(initial={"plan": plan_id})
        form.fields["plan"].choices = _plan_choices(actor)  # type: ignore[attr-defined]
        return render(request, "festivals/import.html", {"form": form, "result": result})
    path.unlink(missing_ok=True)
    messages.success(request, _("%(n)s site(s) imported.") % {"n": len(result.created)})
    return redirect(f"{reverse('festivals:list')}?{urlencode({'plan': str(plan_id)})}")


@login_required
def site_import_template(request: HttpRequest) -> HttpResponse:
    """The import template for a plan, prefilled with the units of a commune (?commune=)."""
    actor = request_actor(request)
    try:
        plan = _plan_or_error(request, actor, request.GET.get("plan") or str(_default_plan(actor) or ""))
    except DomainError as exc:
        return render_domain_error(request, exc)
    commune = Unit.objects.filter(code=request.GET.get("commune", ""), kind__in=COMMUNE_KINDS).first()
    units: list[Unit] = []
    if commune is not None and actor.covers(commune):
        units = _organisers_in(commune)
    response = HttpResponse(spreadsheets.sites_template(plan=plan, units=units), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-diem-to-chuc.xlsx"'
    return response


__all__ = ["FestivalSite"]
