"""HTML views for the types catalogue: everyone reads it; administrators at the Ministry change it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.http import FormPage, Request
from antq.registry.initiatives.types import selectors, services
from antq.registry.initiatives.types.forms import TypeForm

FORM = "registry/initiatives/types/form.html"


def type_list(request: Request) -> HttpResponse:
    return render(request, "registry/initiatives/types/list.html", selectors.type_list_page(actor=request.actor))


@require_http_methods(["GET", "POST"])
def type_create(request: Request) -> HttpResponse:
    selectors.type_for_adding(actor=request.actor)
    form = TypeForm(request.POST or None)
    page = FormPage(request, FORM, {"form": form, "title": _("Add an initiative type")})
    if page.submitted():
        services.type_create(actor=request.actor, code=form.cleaned_data["code"], data=form.to_input())
        messages.success(request, _("Type added."))
        return redirect("registry:type_list")
    return page.render()


@require_http_methods(["GET", "POST"])
def type_edit(request: Request, code: str) -> HttpResponse:
    kind = selectors.type_for_editing(actor=request.actor, code=code)
    form = TypeForm(request.POST or None, editing=kind)
    page = FormPage(request, FORM, {"form": form, "title": kind.name})
    if page.submitted():
        version = form.cleaned_data["version"] or 0
        services.type_update(actor=request.actor, code=code, version=version, data=form.to_input())
        messages.success(request, _("Type saved."))
        return redirect("registry:type_list")
    return page.render()
