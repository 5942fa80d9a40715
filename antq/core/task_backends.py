"""The embedded default's job backend (settings.TASKS, see antq.core.jobs)."""

from __future__ import annotations

import threading
from typing import Any

from django.db import close_old_connections, connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class ThreadBackend(ImmediateBackend):
    """django-tasks' immediate backend, but each task runs in its own daemon thread, so the request
    that enqueued it returns at once. For the embedded default only: a restart loses queued work
    (the Job row then stays "running"; starting it again is one click)."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:  # type: ignore[override]
        self.validate_task(task)
        result: TaskResult = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def run() -> None:
            close_old_connections()
            try:
                self._execute_task(result)
            finally:
                connections.close_all()

        threading.Thread(target=run, name=f"antq-job-{result.id}", daemon=True).start()
        return result
