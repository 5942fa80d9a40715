"""HTML views for emulation pledges: list with filters, record, view, edit, delete (with a
confirmation page), and the form's choices for a unit (its signing units and festival sites),
refreshed by htmx when the unit changes — or by the form's refresh button without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request
from antq.registry.pledges import selectors, services
from antq.registry.pledges.forms import PledgeEditForm, PledgeFilterForm, PledgeForm

FORM = "registry/pledges/form.html"


def pledge_list(request: Request) -> HttpResponse:
    form = PledgeFilterForm(request.GET or None)
    context = selectors.pledge_list_page(actor=request.actor, filters=form.to_filter(), page=request.GET.get("page"))
    return render(request, "registry/pledges/list.html", {**context, "form": form})


def _refreshing(request: Request) -> bool:
    """The form was sent to show the choices of the unit entered, not to be saved."""
    return request.method == "POST" and bool(request.POST.get("reload"))


@require_http_methods(["GET", "POST"])
def pledge_create(request: Request) -> HttpResponse:
    home = selectors.pledge_for_adding(actor=request.actor)
    code = request.POST.get("unit") or request.GET.get("unit") or home
    choices = selectors.pledge_form_choices(actor=request.actor, unit_code=code)
    context = {"unit": choices.unit, "title": _("Record an emulation pledge")}
    if _refreshing(request):
        form = PledgeForm(initial=PledgeForm.posted_as_initial(request.POST), **choices.as_form_choices())
        return render(request, FORM, {**context, "form": form})
    form = PledgeForm(
        request.POST or None, initial={"unit": code.strip()}, actor=request.actor, **choices.as_form_choices()
    )
    page = FormPage(request, FORM, {**context, "form": form})
    if page.submitted():
        pledge = services.pledge_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Emulation pledge recorded: %(title)s.") % {"title": pledge.title})
        return redirect("registry:pledge_detail", pledge_id=pledge.pk)
    return page.render()


@require_GET
def pledge_choices(request: Request) -> HttpResponse:
    """The signing-unit checkboxes and the festival-site choice for ?unit= (an htmx partial)."""
    unit = selectors.pledge_unit(actor=request.actor, unit_code=request.GET.get("unit", ""))
    choices = selectors.pledge_form_choices(actor=request.actor, unit_code=unit.code)
    form = PledgeForm(initial={"unit": unit.code}, **choices.as_form_choices())
    return render(request, "registry/pledges/_choices.html", {"form": form, "unit": unit})


def pledge_detail(request: Request, pledge_id: int) -> HttpResponse:
    context = selectors.pledge_detail_page(actor=request.actor, pledge_id=pledge_id)
    return render(request, "registry/pledges/detail.html", context)


@require_http_methods(["GET", "POST"])
def pledge_edit(request: Request, pledge_id: int) -> HttpResponse:
    pledge = selectors.pledge_for_editing(actor=request.actor, pledge_id=pledge_id)
    code = request.POST.get("unit") or pledge.unit.code
    choices = selectors.pledge_form_choices(actor=request.actor, unit_code=code, keep_site=pledge.festival_site)
    context = {"unit": choices.unit, "title": _("Edit the emulation pledge"), "pledge": pledge}
    if _refreshing(request):
        form: PledgeForm = PledgeEditForm(
            initial=PledgeForm.posted_as_initial(request.POST), **choices.as_form_choices()
        )
        return render(request, FORM, {**context, "form": form})
    form = PledgeEditForm(
        request.POST or None, initial=PledgeForm.initial_of(pledge), actor=request.actor, **choices.as_form_choices()
    )
    page = FormPage(request, FORM, {**context, "form": form})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.pledge_update(actor=request.actor, pledge_id=pledge_id, version=version, data=form.to_input())
        messages.success(request, _("Saved."))
        return redirect("registry:pledge_detail", pledge_id=pledge_id)
    return page.render()


@require_http_methods(["GET", "POST"])
def pledge_delete(request: Request, pledge_id: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the version) deletes."""
    pledge = selectors.pledge_for_editing(actor=request.actor, pledge_id=pledge_id)
    form = VersionForm(request.POST or None, initial={"version": pledge.version})
    page = FormPage(request, "registry/pledges/delete.html", {"pledge": pledge, "form": form})
    if page.submitted():
        services.pledge_delete(actor=request.actor, pledge_id=pledge_id, version=form.cleaned_data["version"])
        messages.success(request, _("Emulation pledge deleted: %(title)s.") % {"title": pledge.title})
        return redirect("registry:pledge_list")
    return page.render()
