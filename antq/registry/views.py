"""HTML views for initiatives: list, counts for an area, register, view, edit, change status,
evaluate a year, photos, delete; the types catalogue (administrators at the Ministry change it)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, query_string, render_domain_error, request_actor
from antq.registry import permissions, selectors, services
from antq.registry.forms import (
    COUNT_PREFIX,
    EvaluationForm,
    InitiativeFilterForm,
    InitiativeForm,
    PhotoForm,
    StatusForm,
    TypeForm,
)
from antq.registry.models import Initiative, InitiativeStatus
from antq.registry.selectors import InitiativeFilter
from antq.reporting.reports.selectors import unit_for


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    replicated = {"yes": True, "no": False}.get(data.get("replicated") or "")
    filters = InitiativeFilter(
        unit_code=(data.get("unit") or "").strip(),
        type_code=data.get("type") or "",
        status=data.get("status") or "",
        replicated=replicated,
        query=data.get("q") or "",
    )
    initiatives = selectors.initiative_list(actor=request_actor(request), filters=filters)
    page = Paginator(initiatives, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/list.html",
        {
            "form": form,
            "page": page,
            "qs": query_string(request),
            "can_write": bool(request_actor(request).paths_with("officer")),
        },
    )


@login_required
def initiative_counts(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    try:
        unit = unit_for(actor, request.GET.get("unit", ""))
        area = selectors.counts_for(actor=actor, unit=unit)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return render(request, "registry/counts.html", {"area": area})


def _initial(initiative: Initiative) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "type": initiative.type.code,
        "unit": initiative.unit.code,
        "name": initiative.name,
        "started_on": initiative.started_on,
        "members": initiative.members,
        "households": initiative.households,
        "description": initiative.description,
        "replicated_from": initiative.replicated_from_id,
        "version": initiative.version,
    }
    for code, value in (initiative.counts or {}).items():
        initial[f"{COUNT_PREFIX}{code}"] = value
    return initial


def _map_errors(exc: ValidationFailed) -> ValidationFailed:
    """Service field names -> form field names (counts are `count_<code>` in the form)."""
    renamed = {
        (f"{COUNT_PREFIX}{k.split('.', 1)[1]}" if k.startswith("counts.") else k): v for k, v in exc.errors.items()
    }
    return ValidationFailed(exc.message, errors=renamed)


def _sources(request: HttpRequest, form: InitiativeForm) -> list[dict[str, object]]:
    """Candidates for "replicated from": those matching the search box, or the chosen one."""
    query = request.POST.get("source_q") or request.GET.get("source_q") or ""
    if query:
        return selectors.replication_sources(query=query)
    return []


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.paths_with("officer"):
        return render_domain_error(request, Forbidden(_("Your roles only allow viewing initiatives.")))
    initial: dict[str, Any] = {"started_on": timezone.localdate()}
    for name in ("unit", "type", "replicated_from"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = InitiativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and not request.POST.get("source_q_only") and form.is_valid():
        try:
            initiative = services.initiative_create(actor=actor, data=form.to_input())
        except ValidationFailed as exc:
            form_add_errors(form, _map_errors(exc))
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Initiative registered: %(name)s.") % {"name": initiative.name})
            return redirect("registry:initiative_detail", initiative_id=initiative.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Register an initiative"), "sources": _sources(request, form)},
    )


@login_required
def initiative_sources(request: HttpRequest) -> HttpResponse:
    """The htmx partial of the "replicated from" picker."""
    results = selectors.replication_sources(query=request.GET.get("source_q", ""))
    return render(request, "registry/_sources.html", {"sources": results})


@login_required
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        initiative = selectors.initiative_get(actor=actor, initiative_id=initiative_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    can_write = permissions.can_write_records(actor, initiative.unit)
    origin = initiative.replicated_from
    measures = {m["code"]: m["name"] for m in initiative.type.measures}
    return render(
        request,
        "registry/detail.html",
        {
            "initiative": initiative,
            "can_write": can_write,
            "origin_visible": origin is not None and actor.covers(origin.unit),
            "replicas": selectors.replicas_visible(actor=actor, initiative=initiative),
            "counts": [(measures.get(code, code), value) for code, value in (initiative.counts or {}).items()],
            "status_form": StatusForm(
                initial={
                    "version": initiative.version,
                    "on": timezone.localdate(),
                    "status": InitiativeStatus.WEAK
                    if initiative.status == InitiativeStatus.ACTIVE
                    else InitiativeStatus.ACTIVE,
                }
            ),
            "evaluation_form": EvaluationForm(
                initial={"version": initiative.version, "year": timezone.localdate().year}
            ),
            "photo_form": PhotoForm(),
        },
    )


def _for_write(request: HttpRequest, initiative_id: int) -> Initiative:
    actor = request_actor(request)
    initiative = selectors.initiative_get(actor=actor, initiative_id=initiative_id)
    if not permissions.can_write_records(actor, initiative.unit):
        raise Forbidden(_("Your role does not allow changing this initiative."))
    return initiative


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        initiative = _for_write(request, initiative_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = InitiativeForm(request.POST or None, initial=_initial(initiative), editing=initiative.type)
    if request.method == "POST" and not request.POST.get("source_q_only") and form.is_valid():
        try:
            services.initiative_update(
                actor=actor,
                initiative_id=initiative.pk,
                version=form.cleaned_data.get("version") or 0,
                data=form.to_input(),
            )
        except ValidationFailed as exc:
            form_add_errors(form, _map_errors(exc))
        except DomainError as exc:
            if exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            messages.success(request, _("Initiative saved."))
            return redirect("registry:initiative_detail", initiative_id=initiative.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "initiative": initiative,
            "title": _("Edit %(name)s") % {"name": initiative.name},
            "sources": _sources(request, form),
        },
    )


def _after_action(request: HttpRequest, initiative_id: int, exc: DomainError | None, done: str) -> HttpResponse:
    if exc is None:
        messages.success(request, done)
    elif isinstance(exc, NotFound | Forbidden):
        return render_domain_error(request, exc)
    else:
        messages.error(request, "; ".join(exc.errors.values()) or exc.message)
    return redirect("registry:initiative_detail", initiative_id=initiative_id)


@login_required
@require_POST
def initiative_status(request: HttpRequest, initiative_id: int) -> HttpResponse:
    form = StatusForm(request.POST)
    error: DomainError | None = None
    if not form.is_valid():
        error = ValidationFailed(errors={k: str(v[0]) for k, v in form.errors.items()})
    else:
        try:
            services.initiative_set_status(
                actor=request_actor(request),
                initiative_id=initiative_id,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            error = exc
    return _after_action(request, initiative_id, error, _("Status recorded."))


@login_required
@require_POST
def initiative_evaluate(request: HttpRequest, initiative_id: int) -> HttpResponse:
    form = EvaluationForm(request.POST)
    error: DomainError | None = None
    if not form.is_valid():
        error = ValidationFailed(errors={k: str(v[0]) for k, v in form.errors.items()})
    else:
        try:
            services.initiative_evaluate(
                actor=request_actor(request),
                initiative_id=initiative_id,
                version=form.cleaned_data["version"],
                year=form.cleaned_data["year"],
                rating=form.cleaned_data["rating"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            error = exc
    return _after_action(request, initiative_id, error, _("Evaluation recorded."))


@login_required
@require_POST
def initiative_photo_add(request: HttpRequest, initiative_id: int) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    error: DomainError | None = None
    if not form.is_valid():
        error = ValidationFailed(errors={k: str(v[0]) for k, v in form.errors.items()})
    else:
        try:
            services.photo_add(
                actor=request_actor(request),
                initiative_id=initiative_id,
                upload=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        except DomainError as exc:
            error = exc
    return _after_action(request, initiative_id, error, _("Photo added."))


@login_required
def initiative_photo(request: HttpRequest, initiative_id: int, photo_id: int) -> HttpResponse | FileResponse:
    try:
        photo = selectors.photo_get(actor=request_actor(request), initiative_id=initiative_id, photo_id=photo_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    response = FileResponse(photo.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def initiative_photo_delete(request: HttpRequest, initiative_id: int, photo_id: int) -> HttpResponse:
    error: DomainError | None = None
    try:
        services.photo_delete(actor=request_actor(request), initiative_id=initiative_id, photo_id=photo_id)
    except DomainError as exc:
        error = exc
    return _after_action(request, initiative_id, error, _("Photo removed."))


@login_required
@require_POST
def initiative_delete(request: HttpRequest, initiative_id: int) -> HttpResponse:
    try:
        version = int(request.POST.get("version", "0"))
        services.initiative_delete(actor=request_actor(request), initiative_id=initiative_id, version=version)
    except ValueError:
        return _after_action(request, initiative_id, ValidationFailed(_("Reload the page and try again.")), "")
    except DomainError as exc:
        return _after_action(request, initiative_id, exc, "")
    messages.success(request, _("Initiative deleted."))
    return redirect("registry:initiative_list")


# --- Types ---------------------------------------------------------------------------------------


@login_required
def type_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/types.html",
        {"types": selectors.type_list(), "can_manage": permissions.can_manage_types(request_actor(request))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def type_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not permissions.can_manage_types(actor):
        return render_domain_error(request, Forbidden(_("Only administrators at the Ministry change the types.")))
    form = TypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.type_create(actor=actor, data={**form.cleaned_data, "measures": form.measures_list()})
        except ValidationFailed as exc:
            form_add_errors(form, exc)
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Type added."))
            return redirect("registry:type_list")
    return render(request, "registry/type_form.html", {"form": form, "title": _("Add an initiative type")})


@login_required
@require_http_methods(["GET", "POST"])
def type_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        kind = selectors.type_get(code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not permissions.can_manage_types(actor):
        return render_domain_error(request, Forbidden(_("Only administrators at the Ministry change the types.")))
    initial = {
        "code": kind.code,
        "name": kind.name,
        "name_en": kind.name_en,
        "description": kind.description,
        "measures": TypeForm.measures_text(kind.measures),
        "is_active": kind.is_active,
        "version": kind.version,
    }
    form = TypeForm(request.POST or None, initial=initial)
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "measures": form.measures_list()}
        try:
            services.type_update(actor=actor, code=code, version=data.pop("version") or 0, data=data)
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) or exc.status == 409:
                form_add_errors(form, exc)
            else:
                return render_domain_error(request, exc)
        else:
            messages.success(request, _("Type saved."))
            return redirect("registry:type_list")
    return render(request, "registry/type_form.html", {"form": form, "title": kind.name})
