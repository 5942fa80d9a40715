from django.db import connection
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from antq.core.actor import Actor
from antq.core.jobs import job_get, job_result
from antq.core.models import Job, JobState
from antq.core.schemas import HealthOut, JobOut

router = Router(tags=["core"])


def actor_of(request: HttpRequest) -> Actor:
    return Actor.of(request.auth)  # type: ignore[attr-defined]


@router.get("/health", auth=None, response=HealthOut, summary="Health check")
def health(request: HttpRequest) -> HealthOut:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HealthOut(status="ok", database=connection.vendor)


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=str(job.pk),
        label=job.label,
        state=job.state,
        progress=job.progress,
        message=job.message,
        file_name=job.file_name,
        created_at=job.created_at,
        finished_at=job.finished_at,
        file_url=reverse("api:job_file", args=[str(job.pk)]) if job.state == JobState.DONE else None,
    )


@router.get("/jobs/{job_id}", response=JobOut, url_name="job", summary="A background job of yours (progress)")
def job_detail(request: HttpRequest, job_id: str) -> JobOut:
    return job_out(job_get(actor=actor_of(request), job_id=job_id))


@router.get("/jobs/{job_id}/file", response={200: None}, url_name="job_file", summary="The file a finished job made")
def job_download(request: HttpRequest, job_id: str) -> FileResponse:
    job, path = job_result(actor=actor_of(request), job_id=job_id)
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name, content_type=job.content_type)


__all__ = ["Schema", "router"]
