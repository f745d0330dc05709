#!/usr/bin/env python3
"""Inbound ingestion benchmark: end-to-end service throughput against two baselines, alternating, on the
same file and the same Postgres; then a 10x file through the same -Xmx256m service, reporting peak RSS.

Run through bench/inbound/run.sh (it starts a dedicated moto + Postgres and builds the jar).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "cloud"))
from localenv import psql_args, read_env  # noqa: E402
sys.path.insert(0, os.path.dirname(HERE))
from proc_cpu import cpu_seconds  # noqa: E402
HEADER = "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n"
SOURCES = ["CUSTODIAN", "PM_DESK", "VENDOR"]


def generate(path, rows):
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    with open(path, "w", buffering=1 << 20) as f:
        f.write(HEADER)
        for i in range(rows):
            f.write(f"B{i % 5000:05d},S{i:011d},{(i % 10000) / 100:.2f},2026-11-25,{SOURCES[i % 3]},USD,EQUITY\n")


class Bench:
    def __init__(self, env, java, pg_jar, stack):
        self.pids = {"bench": os.getpid()}
        try:
            self.pids["emulator"] = int(open(os.path.join(stack, "emulator.pid")).read().split()[0])
            pgdata = open(os.path.join(stack, "pgdata")).read().strip()
            self.pids["postgres"] = int(open(os.path.join(pgdata, "postmaster.pid")).readline())
        except (OSError, ValueError):
            pass
        self.cpu = {}  # loader -> [{process: cpu seconds}]
        self.env = env
        self.java = java
        self.pg_jar = pg_jar
        self.s3 = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
                               aws_access_key_id="bench", aws_secret_access_key="bench",
                               # no client-side checksum: its CPU would be taken from the service on this machine
                               config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required"))

    def sql(self, statement):
        # one psql for the whole run: polling the ledger every 50 ms with a new psql each time cost the machine
        # several CPU seconds per service run (this 2-core machine's, taken from the service being measured)
        if getattr(self, "psql", None) is None:
            self.psql = subprocess.Popen(["psql", *psql_args(self.env), "-tAq"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.psql.stdin.write(statement.strip().rstrip(";") + ";\n\\echo __end__\n")
        self.psql.stdin.flush()
        lines = []
        for line in self.psql.stdout:
            if line.rstrip("\n") == "__end__":
                break
            lines.append(line.rstrip("\n"))
        else:
            sys.exit(f"psql ended while running: {statement}")
        out = "\n".join(lines).strip()
        if "ERROR:" in out:
            sys.exit(f"psql: {out}\n  in: {statement}")
        return out

    def reset(self):
        self.sql("truncate allocation_candidate, bucket, outbox_event cascade")

    def fake_file_id(self):
        return self.sql("insert into ingestion_file (bucket, object_key, version_tag, trigger, status) values "
                        "('bench', 'baseline-' || gen_random_uuid(), 'x', 'PUSH', 'DONE') returning id")

    def measured(self, loader, pids, work):
        """Runs work(), noting the CPU seconds each process spent on it."""
        pids = dict(self.pids, **pids)
        # the children it has waited for count: a baseline's JVM, the backends Postgres has reaped
        before = {k: cpu_seconds(p, exited_children=True) for k, p in pids.items()}
        result = work()
        spent = {k: cpu_seconds(p, exited_children=True) - before[k] for k, p in pids.items()}
        if "service" in spent:  # the service is this script's child: not the script's own CPU
            spent["bench"] -= spent["service"]
        self.cpu.setdefault(loader, []).append(spent)
        return result

    def service(self, path, rows, label, key=None, landed=False):
        """PutObject -> S3 event -> SQS -> service -> ledger DONE, wall clock. With a key, the file is put again
        under that key (a new version of an object already landed, the tables kept): a re-load, which the service
        records without landing it (its bytes are the last landing's); with landed=True the table's last landing is
        forgotten first (as after another file's landing), so the re-load is landed and writes nothing."""
        reload = key is not None
        if reload and landed:
            self.sql("delete from landing_mark")
        if not reload:
            self.reset()
            key = f"incoming/allocations/bench-{label}-{time.time_ns()}.csv"
        done_before = self.sql(f"select count(*) from ingestion_file where object_key = '{key}' and status = 'DONE'")
        start = time.monotonic()
        with open(path, "rb") as body:  # one PutObject (the uploader is usually elsewhere: spend little CPU here)
            self.s3.put_object(Bucket=self.env["TACT_INBOUND_BUCKET"], Key=key, Body=body)
        while True:
            status = self.sql(f"select status from ingestion_file where object_key = '{key}' order by id desc limit 1")
            if status == "REJECTED" or (status == "DONE" and self.sql(
                    f"select count(*) from ingestion_file where object_key = '{key}' and status = 'DONE'") != done_before):
                break
            if time.monotonic() - start > 3600:
                sys.exit("service did not finish within an hour")
            time.sleep(0.05)
        seconds = time.monotonic() - start
        file_id, applied, unchanged_from = self.sql(
            f"select id, rows_applied, unchanged_from from ingestion_file where object_key = '{key}' order by id desc limit 1").split("|")
        if reload and bool(unchanged_from) == landed:
            sys.exit(f"service run {label}: expected the re-load {'landed' if landed else 'recorded without landing'}, "
                     f"unchanged_from is {unchanged_from or 'null'}")
        expected = 0 if reload else rows
        if status != "DONE" or int(applied or 0) != expected:
            sys.exit(f"service run {label}: status {status}, {applied} rows applied, expected {expected}")
        events = int(self.sql(f"select count(*) from outbox_event where payload->>'fileId' = '{file_id}' and event_type = 'AllocationsChanged'"))
        if reload and events:
            sys.exit(f"service run {label}: an unchanged file wrote {events} change events")
        return seconds, key

    def baseline(self, mode, path, rows):
        self.reset()
        out = subprocess.run([self.java, "-cp", self.pg_jar, os.path.join(HERE, "Baselines.java"), mode,
                              self.env["TACT_JDBC_URL"], "tact", path, self.fake_file_id()],
                             capture_output=True, text=True, check=True)
        n, seconds = out.stdout.split()
        if int(n) != rows:
            sys.exit(f"{mode} loaded {n} rows, expected {rows}")
        return float(seconds)


def start_service(java, jar, env, log):
    proc_env = dict(os.environ, **env)
    return subprocess.Popen([java, "-Xmx256m", "-jar", jar, "--spring.profiles.active=local", "--server.port=0",
                             "--logging.level.root=WARN", "--logging.level.com.tact=INFO"], env=proc_env, stdout=open(log, "w"), stderr=subprocess.STDOUT)


def peak_rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_listening(bench, proc, seconds=120):
    # the listener is up once the service answers health; poll its log for the container start instead of a port
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("service exited early; see its log")
        if bench.sql("select to_regclass('flyway_schema_history') is not null") == "t" and bench.sql(
                "select count(*) > 0 and bool_and(success) from flyway_schema_history") == "t":
            time.sleep(8)  # Flyway done; give the SQS container its first poll
            return
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--java", required=True)
    parser.add_argument("--pg-jar", required=True)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10, help="the big file is this many times the rows (0: skip)")
    parser.add_argument("--work", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    env = read_env(args.env_file)
    bench = Bench(env, args.java, args.pg_jar, os.path.dirname(os.path.abspath(args.env_file)))

    path = os.path.join(args.work, f"allocations-{args.rows}.csv")
    generate(path, args.rows)
    size_mib = os.path.getsize(path) / 2**20
    print(f"file: {args.rows:,} rows, {size_mib:.1f} MiB; service at -Xmx256m; {args.rounds} alternating rounds")

    proc = start_service(args.java, args.jar, env, os.path.join(args.work, "service.log"))
    try:
        wait_listening(bench, proc)
        bench.service(path, args.rows, "warmup")
        times = {"service": [], "copy-upsert": [], "jdbc-batch": []}
        reloads, landed_reloads = [], []
        for r in range(args.rounds):
            svc = {"service": proc.pid}
            seconds, key = bench.measured("service", svc, lambda: bench.service(path, args.rows, f"r{r}"))
            times["service"].append(seconds)
            # the same bytes again under the same key: a new version whose rows are all unchanged
            reloads.append(bench.measured("re-load", svc, lambda: bench.service(path, args.rows, f"r{r}-reload", key))[0])
            # and once more, landed: what a copy costs when another file was landed in between
            landed_reloads.append(bench.measured("re-load landed", svc, lambda: bench.service(
                path, args.rows, f"r{r}-reload-landed", key, landed=True))[0])
            for mode in ("copy-upsert", "jdbc-batch"):
                times[mode].append(bench.measured(mode, {}, lambda: bench.baseline(mode, path, args.rows)))
            print(f"  round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items())
                  + f", service re-load {reloads[-1]:.2f} s (landed {landed_reloads[-1]:.2f} s)  (load average {os.getloadavg()[0]:.1f})")
        rss_1x = peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()

    rate = {k: args.rows / statistics.median(v) for k, v in times.items()}
    print(f"\n{'loader':<44} {'median s':>9} {'rows/s':>10}")
    labels = {"service": "inbound-service, PutObject -> ledger DONE",
              "copy-upsert": "baseline 1: COPY to staging + INSERT ON CONFLICT",
              "jdbc-batch": "baseline 2: JDBC batch 1000, reWriteBatched"}
    for k in times:
        print(f"{labels[k]:<44} {statistics.median(times[k]):>9.2f} {rate[k]:>10,.0f}")
    print(f"\nservice / baseline 1 = {rate['service'] / rate['copy-upsert']:.2f}  (target >= 0.7)")
    print(f"service / baseline 2 = {rate['service'] / rate['jdbc-batch']:.2f}  (target > 1)")
    first = statistics.median(times['service'])
    print(f"service re-load of the unchanged file (new version, same bytes, recorded without landing): median "
          f"{statistics.median(reloads):.2f} s = {statistics.median(reloads) / first:.2f} of a first load")
    print(f"service re-load landed (the last landing forgotten first; 0 rows written, no change events): median "
          f"{statistics.median(landed_reloads):.2f} s = {statistics.median(landed_reloads) / first:.2f} of a first load")
    print(f"service peak RSS with the {args.rows:,}-row file: {rss_1x:.0f} MiB")
    # where the time goes: CPU seconds per process over each run (medians over the rounds); "bench" is this script
    # with its children but the service: the upload and ledger polling of a service run, the JVM of a baseline
    names = ["service", "postgres", "emulator", "bench"]
    print(f"\nCPU seconds per run (median) {'':<16}" + "".join(f"{n:>10}" for n in names))
    for loader, runs in bench.cpu.items():
        print(f"  {loader:<42}" + "".join(f"{statistics.median(r.get(n, 0.0) for r in runs):>10.2f}" for n in names))
    print(f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min) at the end")

    if args.scale > 0:
        big_rows = args.rows * args.scale
        big = os.path.join(args.work, f"allocations-{big_rows}.csv")
        generate(big, big_rows)
        proc = start_service(args.java, args.jar, env, os.path.join(args.work, "service-big.log"))
        try:
            wait_listening(bench, proc)
            seconds = bench.service(big, big_rows, "big")[0]
            rss = peak_rss_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait()
        print(f"{args.scale}x file: {big_rows:,} rows ({os.path.getsize(big) / 2**20:.0f} MiB) in {seconds:.1f} s "
              f"= {big_rows / seconds:,.0f} rows/s at -Xmx256m; service peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
