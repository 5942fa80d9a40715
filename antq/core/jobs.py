"""Background jobs behind one interface (DESIGN.md section 3): `job_start` records a `Job` and
enqueues `run_job` on the django-tasks backend configured in settings.TASKS.

- Embedded default: `antq.core.task_backends.ThreadBackend`, in-process — the job runs in a thread of the app process
  right after the request's transaction commits, so the page can show its progress.
- Production: django-tasks-db's database backend, run by `manage.py db_worker` processes.
- Tests: django-tasks' ImmediateBackend (the job runs inside `enqueue`).

A job kind is a function registered with `@job_kind("name")`; it gets the `Job` and a
`progress(percent, message)` callback and returns (bytes, file name, content type).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.models import Job, JobState

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
JobFunction = Callable[[Job, Progress], tuple[bytes, str, str]]
_KINDS: dict[str, JobFunction] = {}
JOB_DIR = "jobs"


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    def register(function: JobFunction) -> JobFunction:
        _KINDS[name] = function
        return function

    return register


def job_start(*, actor: Actor, kind: str, label: str, scope_path: str, params: dict[str, Any]) -> Job:
    """Record the job and hand it to the queue once the caller's transaction commits."""
    if kind not in _KINDS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(
        id=uuid.uuid4(), kind=kind, label=label[:300], owner=actor.user, scope_path=scope_path, params=params
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: run_job.enqueue(job_id))
    return job


def job_get(*, actor: Actor, job_id: str) -> Job:
    """A job of the actor's own; anybody else's looks missing."""
    try:
        job = Job.objects.get(pk=uuid.UUID(str(job_id)), owner=actor.user)
    except (ValueError, Job.DoesNotExist) as exc:
        raise NotFound() from exc
    # A file made for an area the user no longer holds a role in is no longer theirs to read.
    if job.scope_path and not any(job.scope_path.startswith(g.path) for g in actor.grants):
        raise NotFound()
    return job


def job_file(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / job.file_path


def job_result(*, actor: Actor, job_id: str) -> tuple[Job, Path]:
    """The file a finished job of the actor's made; a job still running, failed or whose file is
    gone looks missing."""
    job = job_get(actor=actor, job_id=job_id)
    path = job_file(job)
    if job.state != JobState.DONE or not job.file_path or not path.exists():
        raise NotFound()
    return job, path


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.get(pk=uuid.UUID(job_id))
    if job.finished:
        return job.state
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=timezone.now(), progress=0)

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(progress=max(0, min(percent, 99)), message=message[:500])

    try:
        data, file_name, content_type = _KINDS[job.kind](job, progress)
        relative = f"{JOB_DIR}/{job.pk}{Path(file_name).suffix}"
        path = Path(settings.MEDIA_ROOT) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.DONE,
            progress=100,
            message="",
            file_path=relative,
            file_name=file_name,
            content_type=content_type,
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            message=_("The job failed; try again, and tell the administrator if it fails again."),
            finished_at=timezone.now(),
        )
        return JobState.FAILED
    return JobState.DONE
