"""Background jobs with progress and cooperative cancellation, generic over a callable.

A job is a function ``fn(progress)``; it reports with ``progress(fraction, message)`` and learns that it was
cancelled when that call raises ``JobCancelled`` (or by asking ``progress.cancelled``). Long computations
(stress runs, sweeps) thus stop at their next progress report, without killing a thread.

>>> runner = JobRunner(workers=1)
>>> job = runner.submit("square", lambda progress: progress(1.0, "done") or 7 * 7)
>>> runner.wait(job.id, timeout=5).result
49
>>> runner.shutdown()
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from ceasefire.errors import CeasefireError, LedgerError, NotFoundError


class JobCancelled(Exception):
    """Raised inside a job by its progress callback once cancellation was requested."""


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = {JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED}


class Job(BaseModel):
    """A job as the API shows it; ``result`` is the function's JSON-able return value once done."""

    id: str
    kind: str
    params: dict[str, Any] = {}
    status: JobStatus = JobStatus.QUEUED
    progress: float = 0.0
    message: str = ""
    created: dt.datetime
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    result: Any = None
    error: dict[str, Any] | None = None


class Progress:
    """The callable handed to a job: records progress and raises ``JobCancelled`` when asked to stop."""

    def __init__(self, runner: JobRunner, job_id: str, cancel: threading.Event) -> None:
        self._runner, self._id, self._cancel = runner, job_id, cancel

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def __call__(self, fraction: float, message: str = "") -> None:
        if self._cancel.is_set():
            raise JobCancelled
        self._runner._update(self._id, progress=min(max(float(fraction), 0.0), 1.0), message=message)


JobFunction = Callable[[Progress], Any]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class JobRunner:
    """Runs jobs on a small thread pool and keeps the last ``keep`` of them for the API to show."""

    def __init__(self, workers: int = 1, keep: int = 200) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = self._new_pool()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._cancel: dict[str, threading.Event] = {}
        self._done: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def _new_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="ceasefire-job")

    def submit(self, kind: str, fn: JobFunction, params: dict[str, Any] | None = None) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], kind=kind, params=params or {}, created=_now())
        with self._lock:
            self._jobs[job.id] = job
            self._cancel[job.id] = threading.Event()
            self._done[job.id] = threading.Event()
            self._trim()
            if self._pool is None:  # shut down by an app's lifespan; the same app may be started again
                self._pool = self._new_pool()
            pool = self._pool
        pool.submit(self._run, job.id, fn)
        return job

    def _trim(self) -> None:
        # Forget the oldest finished jobs; running ones are never dropped.
        while len(self._jobs) > self._keep:
            old = next((j for j in self._jobs.values() if j.status in FINISHED), None)
            if old is None:
                return
            for d in (self._jobs, self._cancel, self._done):
                d.pop(old.id, None)

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = job.model_copy(update=changes)

    def _run(self, job_id: str, fn: JobFunction) -> None:
        cancel, done = self._event(self._cancel, job_id), self._event(self._done, job_id)
        try:
            if cancel.is_set():
                raise JobCancelled
            self._update(job_id, status=JobStatus.RUNNING, started=_now())
            result = fn(Progress(self, job_id, cancel))
            if cancel.is_set():
                raise JobCancelled
            self._update(job_id, status=JobStatus.DONE, progress=1.0, result=result, finished=_now())
        except JobCancelled:
            self._update(job_id, status=JobStatus.CANCELLED, message="cancelled", finished=_now())
        except CeasefireError as exc:
            if cancel.is_set():  # a library that raises its own "cancelled" error (stress) was stopped by us
                self._update(job_id, status=JobStatus.CANCELLED, message="cancelled", finished=_now())
                return
            self._update(job_id, status=JobStatus.FAILED, error=exc.as_dict(), finished=_now())
        except Exception as exc:  # a bug in a job must not kill the worker; it is shown on the job instead
            self._update(job_id, status=JobStatus.FAILED, finished=_now(),
                         error={"error": type(exc).__name__, "message": str(exc), "detail": str(exc)})
        finally:
            done.set()

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}", field="job_id")
        return job

    def list(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _event(self, events: dict[str, threading.Event], job_id: str) -> threading.Event:
        # under the lock: a job that finishes meanwhile may be trimmed by another submit (a KeyError, a 500)
        with self._lock:
            ev = events.get(job_id)
        if ev is None:
            raise NotFoundError(f"no job {job_id!r}", field="job_id")
        return ev

    def cancel(self, job_id: str) -> Job:
        job = self.get(job_id)
        if job.status in FINISHED:
            raise LedgerError(f"job {job_id} already {job.status}", field="job_id")
        self._event(self._cancel, job_id).set()
        if job.status is JobStatus.QUEUED:
            self._update(job_id, message="cancelling")
        return self.get(job_id)

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        self._event(self._done, job_id).wait(timeout)
        return self.get(job_id)

    def shutdown(self) -> None:
        """Cancel every job and wait for the workers to stop."""
        with self._lock:
            for ev in self._cancel.values():
                ev.set()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=False)
