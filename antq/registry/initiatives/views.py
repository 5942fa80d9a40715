"""HTML views for initiatives: list, counts for an area, register, view, edit, change status,
evaluate a year, photos, delete. The actions on an initiative are forms of its page: a refused
one shows the page again with the message beside its form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request
from antq.registry.initiatives import counts, selectors, services
from antq.registry.initiatives.forms import (
    EvaluationForm,
    InitiativeFilterForm,
    InitiativeForm,
    PhotoForm,
    StatusForm,
)

FORM = "registry/initiatives/form.html"
DETAIL = "registry/initiatives/detail.html"


def initiative_list(request: Request) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    context = selectors.initiative_list_page(
        actor=request.actor, filters=form.to_filter(), page=request.GET.get("page")
    )
    return render(request, "registry/initiatives/list.html", {**context, "form": form})


def initiative_counts(request: Request) -> HttpResponse:
    area = counts.area_counts(actor=request.actor, unit_code=request.GET.get("unit", ""))
    return render(request, "registry/initiatives/counts.html", {"area": area})


def _sources(request: Request) -> list[dict[str, object]]:
    """Candidates for "replicated from": those matching the search box (the page works without
    JavaScript: the search is then sent with the form)."""
    query = request.POST.get("source_q") or request.GET.get("source_q") or ""
    return selectors.replication_sources(actor=request.actor, query=query) if query else []


def _saving(request: Request, page: FormPage) -> bool:
    """A valid form sent to be saved (not the search for the initiative it replicates)."""
    return not request.POST.get("source_q_only") and page.submitted()


@require_http_methods(["GET", "POST"])
def initiative_create(request: Request) -> HttpResponse:
    selectors.initiative_for_adding(actor=request.actor)
    initial: dict[str, Any] = {"started_on": timezone.localdate()}
    initial.update({name: request.GET[name] for name in ("unit", "type", "replicated_from") if request.GET.get(name)})
    form = InitiativeForm(request.POST or None, initial=initial, actor=request.actor)
    page = FormPage(request, FORM, {"form": form, "title": _("Register an initiative"), "sources": _sources(request)})
    if _saving(request, page):
        initiative = services.initiative_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Initiative registered: %(name)s.") % {"name": initiative.name})
        return redirect("registry:initiative_detail", initiative_id=initiative.pk)
    return page.render()


def initiative_sources(request: Request) -> HttpResponse:
    """The htmx partial of the "replicated from" picker."""
    results = selectors.replication_sources(actor=request.actor, query=request.GET.get("source_q", ""))
    return render(request, "registry/initiatives/_sources.html", {"sources": results})


def _detail_page(request: Request, initiative_id: int, **sent: forms.Form) -> FormPage:
    """The initiative's page with its action forms; `sent` is the one the user sent, if any."""
    context = selectors.initiative_detail_page(actor=request.actor, initiative_id=initiative_id)
    initiative = context["initiative"]
    today = timezone.localdate()
    action_forms: dict[str, forms.Form] = {
        "status_form": StatusForm.offered(initiative, today),
        "evaluation_form": EvaluationForm(initial={"version": initiative.version, "year": today.year}),
        "photo_form": PhotoForm(),
        **sent,
    }
    form = next(iter(sent.values()), action_forms["status_form"])
    return FormPage(request, DETAIL, {**context, **action_forms, "form": form})


def initiative_detail(request: Request, initiative_id: int) -> HttpResponse:
    return _detail_page(request, initiative_id).render()


@require_http_methods(["GET", "POST"])
def initiative_edit(request: Request, initiative_id: int) -> HttpResponse:
    initiative = selectors.initiative_for_editing(actor=request.actor, initiative_id=initiative_id)
    form = InitiativeForm(request.POST or None, editing=initiative, actor=request.actor)
    title = _("Edit %(name)s") % {"name": initiative.name}
    page = FormPage(
        request, FORM, {"form": form, "initiative": initiative, "title": title, "sources": _sources(request)}
    )
    if _saving(request, page):
        version = form.cleaned_data.get("version") or 0
        services.initiative_update(
            actor=request.actor, initiative_id=initiative_id, version=version, data=form.to_input()
        )
        messages.success(request, _("Initiative saved."))
        return redirect("registry:initiative_detail", initiative_id=initiative_id)
    return page.render()


def _act(
    request: Request, initiative_id: int, name: str, form: forms.Form, service: Callable[..., object], done: str
) -> HttpResponse:
    """One of the page's actions, sent with its form `name`: once the form is valid, `service` is
    called with its values. An invalid form, or one the service refuses, shows the page again with
    the message beside that form."""
    page = _detail_page(request, initiative_id, **{name: form})
    if not page.submitted():
        return page.render()
    service(actor=request.actor, initiative_id=initiative_id, **form.cleaned_data)
    messages.success(request, done)
    return redirect("registry:initiative_detail", initiative_id=initiative_id)


@require_POST
def initiative_status(request: Request, initiative_id: int) -> HttpResponse:
    form = StatusForm(request.POST)
    return _act(request, initiative_id, "status_form", form, services.initiative_set_status, _("Status recorded."))


@require_POST
def initiative_evaluate(request: Request, initiative_id: int) -> HttpResponse:
    form = EvaluationForm(request.POST)
    return _act(
        request, initiative_id, "evaluation_form", form, services.initiative_evaluate, _("Evaluation recorded.")
    )


@require_POST
def initiative_photo_add(request: Request, initiative_id: int) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    return _act(request, initiative_id, "photo_form", form, services.photo_add, _("Photo added."))


def initiative_photo(request: Request, initiative_id: int, photo_id: int) -> FileResponse:
    photo = selectors.photo_get(actor=request.actor, initiative_id=initiative_id, photo_id=photo_id)
    response = FileResponse(photo.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def initiative_photo_delete(request: Request, initiative_id: int, photo_id: int) -> HttpResponse:
    services.photo_delete(actor=request.actor, initiative_id=initiative_id, photo_id=photo_id)
    messages.success(request, _("Photo removed."))
    return redirect("registry:initiative_detail", initiative_id=initiative_id)


@require_http_methods(["GET", "POST"])
def initiative_delete(request: Request, initiative_id: int) -> HttpResponse:
    """GET asks first (what deleting removes); POST (with the version) deletes. A refusal shows the
    question again with the reason."""
    initiative = selectors.initiative_for_editing(actor=request.actor, initiative_id=initiative_id)
    form = VersionForm(request.POST or None, initial={"version": initiative.version})
    page = FormPage(request, "registry/initiatives/delete.html", {"initiative": initiative, "form": form})
    if not page.submitted():
        return page.render()
    services.initiative_delete(actor=request.actor, initiative_id=initiative_id, version=form.cleaned_data["version"])
    messages.success(request, _("Initiative deleted."))
    return redirect("registry:initiative_list")
