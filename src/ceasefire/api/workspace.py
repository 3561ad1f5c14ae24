"""What one API process holds: its settings, scenarios uploaded to it, the assessment cache and its jobs.

The assessment is cached per (scenario, as_of, ledger revision) as ready-to-send JSON bytes: the dashboard and
newsroom scripts ask the same question again and again, and recomputing the sizing for every request would cost
tens of milliseconds each. Writes through the API bump the revision; a TTL bounds staleness when another
process (the CLI) writes to the same ledger.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from ceasefire.api.jobs import JobRunner
from ceasefire.assess import Assessment
from ceasefire.domain import Scenario
from ceasefire.errors import NotFoundError, ScenarioError

SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass
class Settings:
    token: str | None = None
    ledger_url: str | None = None
    max_body_bytes: int = 1_000_000
    cache_entries: int = 128
    cache_ttl_s: float = 60.0
    job_workers: int = 1
    seed_empty_ledger: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        s = cls(token=os.environ.get("CEASEFIRE_API_TOKEN") or None, ledger_url=os.environ.get("CEASEFIRE_DB"))
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        return s


@dataclass
class _Entry:
    at: float
    assessment: Assessment
    body: bytes


@dataclass
class Workspace:
    settings: Settings
    uploaded: dict[str, Scenario] = field(default_factory=dict)
    jobs: JobRunner = field(init=False)
    revision: int = 0
    _cache: OrderedDict[tuple[str, str, int], _Entry] = field(default_factory=OrderedDict)
    _reads: OrderedDict[tuple[str, str, int], tuple[float, bytes]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    hits: int = 0
    misses: int = 0

    def __post_init__(self) -> None:
        self.jobs = JobRunner(workers=self.settings.job_workers)

    # scenarios -----------------------------------------------------------------------------------------------
    def scenario_ids(self) -> list[str]:
        from ceasefire.scenario import bundled_names

        with self._lock:  # an upload on another thread must not change the dict while it is sorted
            uploaded = sorted(self.uploaded)
        return bundled_names() + uploaded

    def scenario(self, scenario_id: str) -> Scenario:
        from ceasefire.scenario import bundled_names, load

        if scenario_id in self.uploaded:
            return self.uploaded[scenario_id]
        if scenario_id in bundled_names():
            return load(scenario_id)
        raise NotFoundError(f"no scenario {scenario_id!r}; known: {', '.join(self.scenario_ids())}",
                            field="scenario")

    def upload(self, scenario_id: str, yaml_text: str) -> Scenario:
        from ceasefire.scenario import bundled_names, parse

        if not SCENARIO_ID.match(scenario_id):
            raise ScenarioError("expected lowercase letters, digits and '-', at most 64", field="id")
        if scenario_id in bundled_names():
            raise ScenarioError(f"{scenario_id!r} is a bundled scenario and cannot be replaced", field="id")
        scenario = parse(yaml_text, f"{scenario_id}.yaml")
        with self._lock:
            self.uploaded[scenario_id] = scenario
            self._drop(scenario_id)
        return scenario

    def delete(self, scenario_id: str) -> None:
        with self._lock:
            if scenario_id not in self.uploaded:
                raise NotFoundError(f"no uploaded scenario {scenario_id!r}", field="scenario_id")
            del self.uploaded[scenario_id]
            self._drop(scenario_id)

    def _drop(self, scenario_id: str) -> None:
        for key in [k for k in self._cache if k[0] == scenario_id]:
            del self._cache[key]
        # the gap and plan of a replaced (or deleted) scenario are cached as reads keyed by ``?scenario=ID``
        for rkey in [k for k in self._reads if scenario_id in parse_qs(urlsplit(k[0]).query).get("scenario", ())]:
            del self._reads[rkey]

    # ready-to-send reads ------------------------------------------------------------------------------------
    def response(self, key: str, compute: Callable[[], bytes]) -> bytes:
        """JSON bytes of a read (ledger lists, the coalition) cached like the assessment, by key and revision."""
        full = (f"read:{key}", "", self.revision)
        with self._lock:
            entry = self._reads.get(full)
            if entry is not None and time.monotonic() - entry[0] <= self.settings.cache_ttl_s:
                self._reads.move_to_end(full)
                self.hits += 1
                return entry[1]
        revision = self.revision
        body = compute()
        with self._lock:
            self.misses += 1
            self._reads[(full[0], "", revision)] = (time.monotonic(), body)
            while len(self._reads) > self.settings.cache_entries:
                self._reads.popitem(last=False)
        return body

    def cached_response(self, key: str) -> bytes | None:
        full = (f"read:{key}", "", self.revision)
        with self._lock:
            entry = self._reads.get(full)
            if entry is None or time.monotonic() - entry[0] > self.settings.cache_ttl_s:
                return None
            self._reads.move_to_end(full)
            self.hits += 1
            return entry[1]

    # assessment ----------------------------------------------------------------------------------------------
    def changed(self) -> None:
        """Called after every write that can change an assessment (the ledger)."""
        with self._lock:
            self.revision += 1

    def cached(self, scenario_id: str, as_of: dt.date | None) -> _Entry | None:
        key = (scenario_id, as_of.isoformat() if as_of else "", self.revision)
        with self._lock:
            entry = self._cache.get(key)
            if entry is None or time.monotonic() - entry.at > self.settings.cache_ttl_s:
                return None
            self._cache.move_to_end(key)
            self.hits += 1
            return entry

    def assessment(self, scenario_id: str, as_of: dt.date | None,
                   compute: Callable[[Scenario, dt.date | None], Assessment]) -> _Entry:
        entry = self.cached(scenario_id, as_of)
        if entry is not None:
            return entry
        revision = self.revision
        a = compute(self.scenario(scenario_id), as_of)
        entry = _Entry(at=time.monotonic(), assessment=a, body=a.model_dump_json().encode())
        with self._lock:
            self.misses += 1
            self._cache[(scenario_id, as_of.isoformat() if as_of else "", revision)] = entry
            while len(self._cache) > self.settings.cache_entries:
                self._cache.popitem(last=False)
        return entry
