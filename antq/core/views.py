"""The kernel's own pages: health (for load balancers and monitors) and background jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from antq.core.http import Request
from antq.core.jobs import job_get, job_result


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def job_detail(request: Request, job_id: str) -> HttpResponse:
    """A background job's progress; htmx polls the same URL for the status block while it runs."""
    template = "core/_job_status.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job_get(actor=request.actor, job_id=job_id)})


def job_download(request: Request, job_id: str) -> FileResponse:
    job, path = job_result(actor=request.actor, job_id=job_id)
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name, content_type=job.content_type)
