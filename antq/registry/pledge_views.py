"""HTML views for emulation pledges: list with filters, record, view, edit, delete (with a
confirmation page), and the form's choices for a unit (its signing units and festival sites),
refreshed by htmx when the unit changes — or by the form's refresh button without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from antq.core.actor import Actor
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, query_string, render_domain_error, request_actor
from antq.festivals.models import FestivalSite
from antq.registry import permissions
from antq.registry import pledge_selectors as selectors
from antq.registry import pledge_services as services
from antq.registry.models import EmulationPledge
from antq.registry.pledge_forms import PledgeEditForm, PledgeFilterForm, PledgeForm, VersionForm
from antq.units.models import Unit

FORM_FIELDS = ("unit", "signed_on", "title", "content", "parties", "households", "festival_site", "version")


@login_required
def pledge_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = PledgeFilterForm(request.GET or None)
    pledges = selectors.with_party_units(selectors.pledge_list(actor=actor, filters=form.to_filter()))
    page = Paginator(pledges, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/pledges/list.html",
        {"form": form, "page": page, "qs": query_string(request), "can_record": bool(actor.paths_with("officer"))},
    )


def _choices(actor: Actor, code: str, keep_site: FestivalSite | None = None) -> tuple[Unit | None, dict[str, Any]]:
    """The chosen unit (None when unknown or outside the actor's area) and the form's choices."""
    try:
        unit = selectors.pledge_unit(actor=actor, unit_code=code) if code else None
    except NotFound:
        unit = None
    if unit is None:
        return None, {"party_units": [], "sites": [keep_site] if keep_site else []}
    sites = selectors.pledge_site_choices(actor=actor, unit=unit)
    if keep_site is not None and all(s.pk != keep_site.pk for s in sites):
        sites.append(keep_site)
    return unit, {"party_units": selectors.pledge_party_choices(actor=actor, unit=unit), "sites": sites}


def _posted_as_initial(request: HttpRequest) -> dict[str, Any]:
    """The sent values as the initial values of an unbound form (a refresh shows no errors)."""
    initial: dict[str, Any] = {k: request.POST.get(k) for k in FORM_FIELDS if request.POST.get(k) is not None}
    initial["party_units"] = request.POST.getlist("party_units")
    return initial


def _pledge_form_page(
    request: HttpRequest,
    *,
    form: PledgeForm,
    unit: Unit | None,
    title: str,
    pledge: EmulationPledge | None = None,
) -> HttpResponse:
    return render(request, "registry/pledges/form.html", {"form": form, "unit": unit, "title": title, "pledge": pledge})


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.paths_with("officer"):
        return render_domain_error(
            request, Forbidden(_("Your roles only allow viewing emulation pledges; an officer records them."))
        )
    grant = actor.home_grant
    home = grant.unit_code if grant is not None and grant.level > 0 else ""  # the nation holds no records
    code = (request.POST.get("unit") or request.GET.get("unit") or home).strip()
    unit, choices = _choices(actor, code)
    title = _("Record an emulation pledge")
    if request.method == "POST" and request.POST.get("reload"):
        form = PledgeForm(initial=_posted_as_initial(request), **choices)
        return _pledge_form_page(request, form=form, unit=unit, title=title)
    form = PledgeForm(request.POST or None, initial={"unit": code}, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.pledge_create(actor=actor, data=form.to_input())
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Emulation pledge recorded: %(title)s.") % {"title": pledge.title})
            return redirect("registry:pledge_detail", pledge_id=pledge.pk)
    return _pledge_form_page(request, form=form, unit=unit, title=title)


@login_required
@require_GET
def pledge_choices(request: HttpRequest) -> HttpResponse:
    """The signing-unit checkboxes and the festival-site choice for ?unit= (an htmx partial)."""
    actor = request_actor(request)
    try:
        unit = selectors.pledge_unit(actor=actor, unit_code=request.GET.get("unit", ""))
    except NotFound as exc:
        return render_domain_error(request, exc)
    _unit, choices = _choices(actor, unit.code)
    form = PledgeForm(initial={"unit": unit.code}, **choices)
    return render(request, "registry/pledges/_choices.html", {"form": form, "unit": unit})


@login_required
def pledge_detail(request: HttpRequest, pledge_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        pledge = selectors.pledge_get(actor=actor, pledge_id=pledge_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return render(
        request,
        "registry/pledges/detail.html",
        {"pledge": pledge, "can_write": permissions.can_write_records(actor, pledge.unit)},
    )


def _for_write(request: HttpRequest, pledge_id: int) -> tuple[Actor, EmulationPledge]:
    actor = request_actor(request)
    pledge = selectors.pledge_get(actor=actor, pledge_id=pledge_id)
    if not permissions.can_write_records(actor, pledge.unit):
        raise Forbidden(_("Your role does not allow changing this emulation pledge."))
    return actor, pledge


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request: HttpRequest, pledge_id: int) -> HttpResponse:
    try:
        actor, pledge = _for_write(request, pledge_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    code = (request.POST.get("unit") or pledge.unit.code).strip()
    unit, choices = _choices(actor, code, keep_site=pledge.festival_site)
    title = _("Edit the emulation pledge")
    if request.method == "POST" and request.POST.get("reload"):
        form: PledgeForm = PledgeEditForm(initial=_posted_as_initial(request), **choices)
        return _pledge_form_page(request, form=form, unit=unit, title=title, pledge=pledge)
    initial = {
        "unit": pledge.unit.code,
        "signed_on": pledge.signed_on,
        "title": pledge.title,
        "content": pledge.content,
        "parties": pledge.parties,
        "party_units": [u.code for u in pledge.party_units.all()],
        "households": pledge.households,
        "festival_site": pledge.festival_site_id,
        "version": pledge.version,
    }
    form = PledgeEditForm(request.POST or None, initial=initial, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_update(
                actor=actor, pledge_id=pledge.pk, version=form.cleaned_data["version"], data=form.to_input()
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) or exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:pledge_detail", pledge_id=pledge.pk)
    return _pledge_form_page(request, form=form, unit=unit, title=title, pledge=pledge)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_delete(request: HttpRequest, pledge_id: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the version) deletes."""
    try:
        actor, pledge = _for_write(request, pledge_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = VersionForm(request.POST or None, initial={"version": pledge.version})
    if request.method == "POST":
        if not form.is_valid():
            return render_domain_error(request, ValidationFailed(_("The form was incomplete; reload the page.")))
        try:
            services.pledge_delete(actor=actor, pledge_id=pledge.pk, version=form.cleaned_data["version"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("registry:pledge_detail", pledge_id=pledge.pk)
        messages.success(request, _("Emulation pledge deleted: %(title)s.") % {"title": pledge.title})
        return redirect("registry:pledge_list")
    return render(request, "registry/pledges/delete.html", {"pledge": pledge, "form": form})
