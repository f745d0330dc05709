#!/usr/bin/env python3
"""Scale-out phases of bench/scale/run.sh: the same work through 1, 2, 3, ... instances of a service, each its own
JVM on its own port, sharing one Postgres and one queue, on the stack run.sh made (./tact cloud-at).

inbound:  N inbound-service instances (-Xmx256m) ingest F allocations files of R rows, put to S3 together (the S3
          notifications queue them): from the first PutObject until every ledger row is DONE. Each file has its own
          buckets and securities, so no two files touch the same rows (no row-lock waits between files).
outbound: N outbound-service instances drain a backlog of E BucketAttributesChanged events (routed to vendor-b only),
          queued in the outbox before they start, to the mock partner answering 200 after 50 ms. The rate is taken
          over the window in which all N instances were up (from the last one's health UP to the last delivery).

Every phase starts from the same table state (the candidate tables, ledger, outbox and deliveries emptied) and
prints the CPU seconds each process used over the measured window, from /proc (with its descendants: Postgres'
backends, the emulator's workers), and the machine's load average.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "cloud"))
from localenv import psql_args, read_env  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "bench"))
from proc_cpu import cpu_seconds  # noqa: E402  (a process and its live descendants)

HEADER = "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n"
SOURCES = ["CUSTODIAN", "PM_DESK", "VENDOR"]
ROWS_PER_BUCKET = 200  # as in bench/inbound (1,000,000 rows over 5,000 buckets)


def log(text=""):
    print(text, flush=True)


def load():
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(path, index, rows):
    """File `index`: its own buckets (B<index>-<n>) and securities (F<index><n>), three sources interleaved."""
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    buckets = max(1, rows // ROWS_PER_BUCKET)
    with open(path + ".tmp", "w", buffering=1 << 20) as f:
        f.write(HEADER)
        for i in range(rows):
            f.write(f"B{index:02d}-{i % buckets:04d},F{index:02d}{i:09d},{(i % 10000) / 100:.2f},2026-11-25,"
                    f"{SOURCES[i % 3]},USD,EQUITY\n")
    os.rename(path + ".tmp", path)


class Stack:
    def __init__(self, args):
        self.args = args
        self.env = read_env(args.env_file)
        self.s3 = boto3.client("s3", endpoint_url=self.env["AWS_ENDPOINT_URL"], region_name=self.env["AWS_REGION"],
                               aws_access_key_id="bench", aws_secret_access_key="bench",
                               config=Config(s3={"addressing_style": "path"}, max_pool_connections=32))
        self.bucket = self.env["TACT_INBOUND_BUCKET"]
        self.shared_pids = {"emulator": int(open(os.path.join(args.stack, "emulator.pid")).read()),
                            "postgres": int(open(os.path.join(open(os.path.join(args.stack, "pgdata")).read().strip(),
                                                              "postmaster.pid")).readline())}

    def sql(self, statement):
        out = subprocess.run(["psql", *psql_args(self.env), "-tAq", "-c", statement], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"psql failed: {out.stderr.strip()}\n  {statement}")
        return out.stdout.strip()

    def empty_bucket(self):
        """Every version of every object, so that the emulator does not keep earlier phases' files in memory."""
        paginator = self.s3.get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=self.bucket):
            gone = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                    for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            for i in range(0, len(gone), 1000):
                self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": gone[i:i + 1000], "Quiet": True})


class Instances:
    """N processes of one service jar, each on its own port, with the stack's environment."""

    def __init__(self, stack, kind, jar, n, heap, extra_env=None, extra_args=()):
        self.stack, self.kind, self.procs = stack, kind, []
        # spans are made as in production; exporting them is off (no trace backend in the benchmark)
        env = {**os.environ, **stack.env, "OTEL_TRACES_EXPORTER": "none", **(extra_env or {})}
        for i in range(1, n + 1):
            port = free_port()
            logfile = os.path.join(stack.args.work, f"scale-{kind}-{n}x-{i}.log")
            proc = subprocess.Popen([stack.args.java, f"-Xmx{heap}", "-jar", jar, "--spring.profiles.active=local",
                                     f"--server.port={port}", "--logging.level.root=WARN",
                                     "--logging.level.com.tact=INFO", *extra_args],
                                    env=env, stdout=open(logfile, "w"), stderr=subprocess.STDOUT)
            self.procs.append((f"{kind}-{i}", proc, port, logfile))

    def wait_healthy(self, seconds=600):
        """A loaded machine may need minutes to start several JVMs at once."""
        deadline = time.time() + seconds
        waiting = list(self.procs)
        while waiting:
            for item in list(waiting):
                name, proc, port, logfile = item
                if proc.poll() is not None:
                    sys.exit(f"{name} exited with {proc.returncode}; see {logfile}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/health", timeout=2) as r:
                        if json.loads(r.read()).get("status") == "UP":
                            waiting.remove(item)
                except OSError:
                    pass
            if waiting and time.time() > deadline:
                sys.exit(f"not healthy after {seconds} s: {', '.join(w[0] for w in waiting)}")
            time.sleep(0.25)
        return time.time()

    def pids(self):
        return {name: proc.pid for name, proc, _, _ in self.procs}

    def stop(self):
        for _, proc, _, _ in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for _, proc, _, _ in self.procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def cpu_snapshot(pids):
    """The services, emulator, Postgres and mock partner with their descendants; this driver (uploads, polling) alone,
    since the services are its children."""
    own = os.times()
    return dict({name: cpu_seconds(pid) for name, pid in pids.items()}, **{"bench driver": own.user + own.system})


def cpu_used(before, after):
    return {name: after[name] - before[name] for name in before}


def cpu_text(used, wall):
    total = sum(used.values())
    return (", ".join(f"{k} {v:.1f}" for k, v in used.items())
            + f"; total {total:.1f} CPU s in {wall:.1f} s = {total / wall:.2f} cores busy on average"
            + f" (of {os.cpu_count()})")


# ---------------------------------------------------------------- inbound

def inbound_reset(stack):
    stack.sql("truncate allocation_candidate, bucket, outbox_event, ingestion_file cascade")


def inbound_put(stack, paths, prefix):
    """All files at once; returns the wall-clock start (epoch seconds) of the first PutObject."""
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, len(paths))) as pool:
        for f in [pool.submit(stack.s3.upload_file, p, stack.bucket,
                              f"incoming/allocations/{prefix}-{os.path.basename(p)}") for p in paths]:
            f.result()
    return start


def inbound_wait(stack, files, timeout):
    """Polls the ledger until every file is DONE; returns when it saw that (its finished_at is the transaction's
    start, not its commit, so it cannot time the end)."""
    deadline = time.time() + timeout
    while True:
        done, rejected = map(int, stack.sql(
            "select count(*) filter (where status = 'DONE'), count(*) filter (where status = 'REJECTED') "
            "from ingestion_file").split("|"))
        if rejected:
            sys.exit(f"{rejected} file(s) REJECTED: " + stack.sql(
                "select string_agg(object_key || ': ' || coalesce(reason, ''), '; ') from ingestion_file where status = 'REJECTED'"))
        if done >= files:
            return time.time()
        if time.time() > deadline:
            sys.exit(f"only {done} of {files} files DONE after {timeout} s")
        time.sleep(0.1)


def inbound_phase(stack, n, paths, rows, warmup_paths):
    a = stack.args
    inbound_reset(stack)
    stack.empty_bucket()
    instances = Instances(stack, "inbound", a.inbound_jar, n, "256m")
    try:
        instances.wait_healthy()
        if warmup_paths:  # the JIT of every instance, on files of their own, then the same empty state again
            inbound_put(stack, warmup_paths, f"warmup-{n}x-{time.time_ns()}")
            inbound_wait(stack, len(warmup_paths), 1800)
            inbound_reset(stack)
        pids = dict(instances.pids(), **stack.shared_pids)
        load_before = load()
        cpu0 = cpu_snapshot(pids)
        start = inbound_put(stack, paths, f"scale-{n}x-{time.time_ns()}")
        end = inbound_wait(stack, len(paths), 3600)
        cpu1 = cpu_snapshot(pids)
        seconds = end - start
        applied = int(stack.sql("select coalesce(sum(rows_applied), 0) from ingestion_file"))
        if applied != rows * len(paths):
            sys.exit(f"{applied} rows applied, expected {rows * len(paths)}")
        claimed = [int(c) for c in stack.sql("select count(*) from ingestion_file group by claimed_by order by 1 desc").split()]
        spread = "/".join(str(c) for c in claimed + [0] * (n - len(claimed)))
    finally:
        instances.stop()
    used = cpu_used(cpu0, cpu1)
    result = {"n": n, "seconds": seconds, "rate": rows * len(paths) / seconds, "cpu": used,
              "spread": spread, "load": f"{load_before} -> {load()}"}
    log(f"  {n} instance(s): {seconds:.1f} s, {result['rate']:,.0f} rows/s; files per instance {spread}; "
        f"load average {result['load']}")
    log(f"    CPU s over the window: {cpu_text(used, seconds)}")
    return result


# ---------------------------------------------------------------- outbound

def outbound_reset(stack):
    stack.sql("truncate delivery, delivery_attempt, outbox_event, bucket, ingestion_file cascade")


def outbound_backlog(stack, run, events):
    """One transaction: the whole backlog becomes visible to the relays at once."""
    stack.sql(f"""insert into bucket (bucket_id) select '{run}-' || g from generate_series(1, {events}) g;
                  insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload)
                  select 'tact.inbound', 'BucketAttributesChanged', 'bucket', '{run}-' || g,
                         jsonb_build_object('bucketId', '{run}-' || g, 'feed', 'bucket-attributes', 'fileId', 0,
                                            'changedKeys', 1, 'benchRun', '{run}')
                    from generate_series(1, {events}) g""")


DELIVERED = """from delivery d join outbox_event o on o.id = d.event_id
               where d.partner = 'vendor-b' and d.status = 'DELIVERED' and o.payload ->> 'benchRun' = '{run}'"""


def wait_delivered(stack, run, events):
    deadline = time.time() + max(600, events / 5)
    while (done := int(stack.sql("select count(*) " + DELIVERED.format(run=run)))) < events:
        if time.time() > deadline:
            sys.exit(f"only {done} of {events} events of {run} delivered in time")
        time.sleep(0.1)


def outbound_phase(stack, n, events, warmup):
    """Cold (warmup 0): the backlog is queued before the instances start; the window runs from the last one's health
    UP. Warm: the instances first deliver `warmup` events each, then the backlog is queued in one transaction while
    they run; the window runs from that commit. Either way it ends at the last delivery."""
    a = stack.args
    outbound_reset(stack)
    req = urllib.request.Request(a.mock + "/mock/partners/vendor-b/script", method="PUT",
                                 data=json.dumps({"steps": [{"status": 200, "delayMs": 50}]}).encode(),
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=30).read()
    if not warmup:
        outbound_backlog(stack, "SCALE", events)
    load_before = load()
    instances = Instances(stack, "outbound", a.outbound_jar, n, "512m",
                          extra_env={"TACT_MOCK_PARTNER_URL": a.mock})
    try:
        start = instances.wait_healthy()
        pids = dict(instances.pids(), **stack.shared_pids, **{"mock partner": a.mock_pid})
        if warmup:
            outbound_backlog(stack, "WARMUP", warmup * n)
            wait_delivered(stack, "WARMUP", warmup * n)
            load_before = load()
            cpu0 = cpu_snapshot(pids)
            start = time.time()
            outbound_backlog(stack, "SCALE", events)
        else:
            cpu0 = cpu_snapshot(pids)
        wait_delivered(stack, "SCALE", events)
        cpu1 = cpu_snapshot(pids)
        last, after, before = stack.sql(f"""select extract(epoch from max(d.delivered_at)),
                                                   count(*) filter (where d.delivered_at > to_timestamp({start})),
                                                   count(*) filter (where d.delivered_at <= to_timestamp({start}))
                                              """ + DELIVERED.format(run="SCALE")).split("|")
        seconds = float(last) - start
        in_window, before = int(after), int(before)
    finally:
        instances.stop()
    used = cpu_used(cpu0, cpu1)
    rate = in_window / seconds if seconds > 0 else float("nan")
    result = {"n": n, "seconds": seconds, "rate": rate, "cpu": used, "before": before,
              "load": f"{load_before} -> {load()}"}
    note = " (FEWER THAN HALF IN THE WINDOW: use a larger backlog)" if in_window < events / 2 else ""
    since = (f"after the backlog was queued to the warm instances ({warmup} warm-up events each)" if warmup
             else f"after the last instance was up ({before} before)")
    log(f"  {n} instance(s): {in_window} of {events} deliveries in the {seconds:.1f} s {since}{note}: "
        f"{rate:.1f} deliveries/s; load average {result['load']}")
    log(f"    CPU s over the window: {cpu_text(used, seconds)}")
    return result


# ---------------------------------------------------------------- summary

def table(title, unit, results):
    base = results[0]
    log(f"\n{title}")
    log(f"  {'instances':>9} {'seconds':>8} {unit:>14} {'ratio':>6}  CPU s per process (window); cores busy")
    for r in results:
        total = sum(r["cpu"].values())
        log(f"  {r['n']:>9} {r['seconds']:>8.1f} {r['rate']:>14,.1f} {r['rate'] / base['rate']:>5.2f}x  "
            + ", ".join(f"{k} {v:.1f}" for k, v in r["cpu"].items()) + f"; {total / r['seconds']:.2f}")


def record(figure, unit, results, emulator):
    path = os.environ.get("BENCH_RESULTS")
    if not path or not results:
        return
    base = results[0]
    with open(path, "a") as f:
        for r in results[1:]:
            f.write("\t".join([f"{figure}, {r['n']} instances", f"{r['rate']:,.1f} {unit}",
                               f"{base['rate']:,.1f} {unit} ({base['n']} instance{'s' if base['n'] > 1 else ''}, same run)",
                               f"{r['rate'] / base['rate']:.2f}x", emulator, datetime.date.today().isoformat()]) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--env-file", required=True)
    p.add_argument("--stack", required=True, help="the ./tact cloud-at folder (emulator.pid, pgdata)")
    p.add_argument("--java", required=True)
    p.add_argument("--inbound-jar", required=True)
    p.add_argument("--outbound-jar", required=True)
    p.add_argument("--mock", required=True, help="the mock partner's base URL")
    p.add_argument("--mock-pid", type=int, required=True)
    p.add_argument("--emulator", required=True, help="name and version, printed with every figure")
    p.add_argument("--files", type=int, default=30)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--events", type=int, default=10_000)
    p.add_argument("--outbound-warmup", type=int, default=0,
                   help="events per instance delivered before the backlog is queued (0: a cold start, the backlog "
                        "queued before the instances start)")
    p.add_argument("--instances", default="1,2,3")
    p.add_argument("--only", default="inbound,outbound")
    p.add_argument("--work", default=os.path.join(ROOT, "bench", "out"))
    a = p.parse_args()
    if not 1 <= a.files <= 99 or a.rows >= 10**9:
        sys.exit("--files must be 1-99 and --rows below 10^9 (the security ids have 12 characters)")
    counts = [int(x) for x in a.instances.split(",")]
    stack = Stack(a)
    os.makedirs(os.path.join(a.work, "scale"), exist_ok=True)
    log(f"machine: {os.cpu_count()} cores, load average {load()} (1/5/15 min); emulator {a.emulator}")

    if "inbound" in a.only:
        paths = [os.path.join(a.work, "scale", f"allocations-{a.rows}-{k:02d}.csv") for k in range(1, a.files + 1)]
        for k, path in enumerate(paths, 1):
            generate(path, k, a.rows)
        warm_rows = min(a.rows, 20_000)
        warmup = [os.path.join(a.work, "scale", f"warmup-{warm_rows}-{k:02d}.csv") for k in range(1, 2 * max(counts) + 1)]
        for k, path in enumerate(warmup, 1):
            generate(path, 50 + k, warm_rows)
        mib = sum(os.path.getsize(x) for x in paths) / 2**20
        log(f"\n== inbound [{a.emulator}]: {a.files} files x {a.rows:,} rows ({mib:.0f} MiB), put together; "
            f"inbound-service at -Xmx256m; first a warm-up of 2 files of {warm_rows:,} rows per instance")
        results = [inbound_phase(stack, n, paths, a.rows, warmup[:2 * n]) for n in counts]
        title = f"inbound scale-out [{a.emulator}], {a.files} files x {a.rows:,} rows, PutObject -> all DONE"
        table(title, "rows/s", results)
        record(f"inbound scale-out, {a.files} files x {a.rows // 1000}k rows", "rows/s", results, a.emulator)
        inbound_reset(stack)
        stack.empty_bucket()

    if "outbound" in a.only:
        how = (f"queued in one transaction after {a.outbound_warmup:,} warm-up events per instance" if a.outbound_warmup
               else "queued before the instances start (cold JVMs)")
        log(f"\n== outbound [{a.emulator}]: a backlog of {a.events:,} events {how}, "
            f"mock partner 200 after 50 ms, concurrency 64 per instance, -Xmx512m")
        results = [outbound_phase(stack, n, a.events, a.outbound_warmup) for n in counts]
        window = "backlog queued -> last delivery" if a.outbound_warmup else "last instance up -> last delivery"
        table(f"outbound scale-out [{a.emulator}], {a.events:,}-event backlog, 50 ms partner "
              f"({'warm' if a.outbound_warmup else 'cold'}; window: {window})", "deliveries/s", results)
        record(f"outbound scale-out, {a.events:,}-event backlog, 50 ms partner"
               + (f", warm ({a.outbound_warmup:,} events each first)" if a.outbound_warmup else ""),
               "deliveries/s", results, a.emulator)
    log(f"\nmachine at the end: {os.cpu_count()} cores, load average {load()}")


if __name__ == "__main__":
    main()
