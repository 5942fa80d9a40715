from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from antq.accounts.actor import Actor
from antq.accounts.permissions import can_view_audit
from antq.accounts.selectors import audit_list
from antq.core.errors import NotFound
from antq.core.http import render_domain_error
from antq.core.jobs import job_file, job_get
from antq.core.models import JobState
from antq.units.models import Unit
from antq.units.selectors import unit_subtree_counts


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    areas = []
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[g.unit_id for g in actor.grants])}
    for grant in actor.grants:
        unit = units[grant.unit_id]
        areas.append(
            {"grant": grant, "unit": unit, "counts": unit_subtree_counts(unit=unit) if unit.level <= 2 else {}}
        )
    return render(request, "core/home.html", {"areas": areas})


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    if not can_view_audit(actor):
        return render_domain_error(request, NotFound(_("Page not found.")))
    filters = {key: request.GET.get(key, "").strip() for key in ("action", "actor_name", "unit_code", "target")}
    try:
        entries = audit_list(actor=actor, **filters)
    except NotFound as exc:
        return render_domain_error(request, exc)
    page = Paginator(entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit.html", {"page": page, "filters": filters})


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    """A background job's progress; htmx polls the same URL for the status block while it runs."""
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    try:
        job = job_get(actor=actor, job_id=job_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    template = "core/_job_status.html" if getattr(request, "htmx", False) else "core/job.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, job_id: str) -> HttpResponse | FileResponse:
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    try:
        job = job_get(actor=actor, job_id=job_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    path = job_file(job)
    if job.state != JobState.DONE or not job.file_path or not path.exists():
        return render_domain_error(request, NotFound())
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name, content_type=job.content_type)
