"""HTML views for exemplars: list with filters, record, view, edit, delete (with a confirmation
page), publish to the public portal and take off it (leaders)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request
from antq.registry.exemplars import selectors, services
from antq.registry.exemplars.forms import ExemplarEditForm, ExemplarFilterForm, ExemplarForm
from antq.registry.exemplars.models import Exemplar

FORM = "registry/exemplars/form.html"


def exemplar_list(request: Request) -> HttpResponse:
    form = ExemplarFilterForm(request.GET or None)
    context = selectors.exemplar_list_page(actor=request.actor, filters=form.to_filter(), page=request.GET.get("page"))
    return render(request, "registry/exemplars/list.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def exemplar_create(request: Request) -> HttpResponse:
    home = selectors.exemplar_for_adding(actor=request.actor)
    initiatives = selectors.exemplar_initiative_choices(actor=request.actor)
    initial = {"unit": request.GET.get("unit") or home}
    form = ExemplarForm(request.POST or None, initial=initial, initiatives=initiatives, actor=request.actor)
    page = FormPage(request, FORM, {"form": form, "title": _("Record an exemplar")})
    if page.submitted():
        exemplar = services.exemplar_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Exemplar recorded: %(name)s.") % {"name": exemplar.name})
        return redirect("registry:exemplar_detail", exemplar_id=exemplar.pk)
    return page.render()


def exemplar_detail(request: Request, exemplar_id: int) -> HttpResponse:
    context = selectors.exemplar_detail_page(actor=request.actor, exemplar_id=exemplar_id)
    return render(request, "registry/exemplars/detail.html", context)


@require_http_methods(["GET", "POST"])
def exemplar_edit(request: Request, exemplar_id: int) -> HttpResponse:
    exemplar = selectors.exemplar_for_editing(actor=request.actor, exemplar_id=exemplar_id)
    initiatives = selectors.exemplar_initiative_choices(actor=request.actor, selected=exemplar.initiative_id)
    form = ExemplarEditForm(request.POST or None, editing=exemplar, initiatives=initiatives, actor=request.actor)
    page = FormPage(request, FORM, {"form": form, "exemplar": exemplar, "title": _("Edit the exemplar")})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.exemplar_update(actor=request.actor, exemplar_id=exemplar_id, version=version, data=form.to_input())
        if exemplar.is_published:
            messages.success(
                request, _("Saved. The exemplar is off the public portal until a leader publishes it again.")
            )
        else:
            messages.success(request, _("Saved."))
        return redirect("registry:exemplar_detail", exemplar_id=exemplar_id)
    return page.render()


@require_http_methods(["GET", "POST"])
def exemplar_delete(request: Request, exemplar_id: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the version) deletes."""
    exemplar = selectors.exemplar_for_editing(actor=request.actor, exemplar_id=exemplar_id)
    form = VersionForm(request.POST or None, initial={"version": exemplar.version})
    page = FormPage(request, "registry/exemplars/delete.html", {"exemplar": exemplar, "form": form})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.exemplar_delete(actor=request.actor, exemplar_id=exemplar_id, version=version)
        messages.success(request, _("Exemplar deleted: %(name)s.") % {"name": exemplar.name})
        return redirect("registry:exemplar_list")
    return page.render()


def _publishing(request: Request, exemplar_id: int, act: Callable[..., Exemplar], done: str) -> HttpResponse:
    """Publish or take off (a leader's action on the exemplar's page): a refused one shows the page
    again with the reason."""
    context = selectors.exemplar_for_publishing(actor=request.actor, exemplar_id=exemplar_id)
    form = VersionForm(request.POST)
    page = FormPage(request, "registry/exemplars/detail.html", {**context, "form": form})
    if not page.submitted():
        return page.render()
    act(actor=request.actor, exemplar_id=exemplar_id, version=form.cleaned_data["version"])
    messages.success(request, done)
    return redirect("registry:exemplar_detail", exemplar_id=exemplar_id)


@require_POST
def exemplar_publish(request: Request, exemplar_id: int) -> HttpResponse:
    return _publishing(request, exemplar_id, services.exemplar_publish, _("Published on the public portal."))


@require_POST
def exemplar_unpublish(request: Request, exemplar_id: int) -> HttpResponse:
    return _publishing(request, exemplar_id, services.exemplar_unpublish, _("Taken off the public portal."))
