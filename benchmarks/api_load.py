"""Load test of the API from a second process on loopback: 50 concurrent clients on the assessment and ledger
endpoints for a bounded time, against `ceasefire serve` on the bundled data.

Each client keeps one HTTP/1.1 connection open and sends its next request as soon as the previous answer has
arrived (closed loop, no think time: the hardest case for a given number of clients). Requests alternate between
the assessment (several as_of dates, so the cache holds several entries) and the ledger (pledges and the coalition
on the same dates). Prints p50/p95/p99 latency, throughput and errors, and the ratio of one uncached assessment
computation to the served p95, and of the p95 with the cache switched off (`serve --no-cache`, every request
recomputed: the reference) to the p95 with it.

    .venv/bin/python benchmarks/api_load.py [--clients 50] [--seconds 10]

Target: p95 under 100 ms with 50 clients on the 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATES = ["2025-03-06", "2025-06-30", "2025-09-01", "2026-01-31"]
PATHS = [p for d in DATES for p in (f"/api/assessment?as_of={d}", f"/api/ledger/pledges?as_of={d}",
                                    f"/api/ledger/coalition?as_of={d}")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def client(port: int, index: int, until: float, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = index
    try:
        while time.perf_counter() < until:
            path = PATHS[i % len(PATHS)]
            i += 1
            t0 = time.perf_counter()
            status = await get(reader, writer, path)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"{status} {path}")
    finally:
        writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(client(port, i, start + seconds, latencies, errors) for i in range(clients)))
    return latencies, errors, time.perf_counter() - start


def uncached_assessment_s(db: str, repeats: int = 5) -> float:
    """The reference: one assessment computed from scratch (sizing + the ledger on a date), as a cache miss does."""
    from ceasefire.ledger import open_ledger
    from ceasefire.report.content import assessment_as_of
    from ceasefire.scenario import load as load_scenario

    led = open_ledger(db)
    times = []
    for k in range(repeats):
        t0 = time.perf_counter()
        assessment_as_of(load_scenario(), __import__("datetime").date.fromisoformat(DATES[k % len(DATES)]), led)
        times.append(time.perf_counter() - t0)
    led.close()
    return statistics.median(times)


def serve_and_load(db: str, clients: int, seconds: float, *extra: str) -> tuple[list[float], list[str], float]:
    port = free_port()
    env = {**os.environ, "CEASEFIRE_DB": db}
    env.pop("CEASEFIRE_API_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-m", "ceasefire", "serve", "--port", str(port), *extra], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"server did not start: {server.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.1)
        asyncio.run(load(port, 4, 2.0))  # warm up: fill the caches, as a running dashboard has
        return asyncio.run(load(port, clients, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(label: str, clients: int, latencies: list[float], errors: list[str], elapsed: float) -> float:
    qs = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = qs[49] * 1000, qs[94] * 1000, qs[98] * 1000
    print(f"{label}: {clients} clients for {elapsed:.1f} s on loopback ({os.cpu_count()} cores): "
          f"{len(latencies):,} requests, {len(latencies) / elapsed:,.0f} req/s, {len(errors)} errors; "
          f"latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    if errors:
        print("  errors:", ", ".join(sorted(set(errors))[:5]))
    return p95


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--reference-seconds", type=float, default=5.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ceasefire-load-"))
    db = f"sqlite:///{tmp / 'ledger.db'}"
    lat, err, elapsed = serve_and_load(db, args.clients, args.seconds)
    p95 = report("cached", args.clients, lat, err, elapsed)
    ref_lat, ref_err, ref_elapsed = serve_and_load(db, args.clients, args.reference_seconds, "--no-cache")
    ref_p95 = report("reference, --no-cache", args.clients, ref_lat, ref_err, ref_elapsed)
    one = uncached_assessment_s(db)
    print(f"one uncached assessment (sizing + ledger on a date) takes {one * 1000:.1f} ms")
    print(f"p95_ms={p95:.1f} target_ms=100 ok={p95 < 100 and not err} "
          f"ratio_p95_nocache_vs_cached={ref_p95 / p95:.1f} "
          f"ratio_throughput_cached_vs_nocache={len(lat) / elapsed / (len(ref_lat) / ref_elapsed):.1f}")


if __name__ == "__main__":
    main()
