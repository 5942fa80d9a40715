from __future__ import annotations

from django.contrib.auth.decorators import login_not_required, login_required
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.http import render_domain_error
from antq.core.jobs import job_file, job_get
from antq.core.models import JobState


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


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
