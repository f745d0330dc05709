#!/usr/bin/env python3
"""Record feed against CSV feed, end to end: the same holdings rows as a CP037 record file (the holdings feed) and as
a CSV file (a CSV feed declared here with the same columns and tables), each put into S3 and timed from PutObject to
the ledger's DONE, alternating, through one inbound-service at -Xmx256m. Prints records per second for both (the CSV
figure is the baseline of the same run) and the service's peak RSS.

Run through bench/records/run.sh (it starts a dedicated moto + Postgres and builds the jar).
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


def _inbound_bench():
    # the CSV benchmark's service helpers (start at -Xmx256m, wait for the listener, peak RSS), loaded by path: both
    # scripts are called bench.py
    import importlib.util
    spec = importlib.util.spec_from_file_location("inbound_bench", os.path.join(ROOT, "bench", "inbound", "bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _inbound_bench()
peak_rss_mib, start_service, wait_listening = _helpers.peak_rss_mib, _helpers.start_service, _helpers.wait_listening


class Run:
    def __init__(self, env):
        self.env = env
        self.s3 = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
                               aws_access_key_id="bench", aws_secret_access_key="bench",
                               config=Config(s3={"addressing_style": "path"}))

    def sql(self, statement):
        out = subprocess.run(["psql", *psql_args(self.env), "-tAq", "-c", statement], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def declare_csv_feed(self):
        # the holdings feed's columns, tables and weights, read as CSV: the baseline
        self.sql("insert into feed_definition (name, s3_prefix, spec) select 'holdings-csv', 'incoming/holdings-csv/',"
                 " (spec - 'records') || '{\"format\": \"csv\"}' from feed_definition where name = 'holdings' on conflict do nothing")
        self.sql("insert into source_weight (feed, source, weight) values ('holdings-csv', 'TACT', 100) on conflict do nothing")

    def load(self, path, prefix, rows, label):
        self.sql("truncate holding_candidate, bucket, outbox_event cascade")
        key = f"{prefix}bench-{label}-{time.time_ns()}"
        start = time.monotonic()
        self.s3.upload_file(path, self.env["TACT_INBOUND_BUCKET"], key)
        while True:
            status = self.sql(f"select status from ingestion_file where object_key = '{key}'")
            if status in ("DONE", "REJECTED"):
                break
            if time.monotonic() - start > 3600:
                sys.exit("the service did not finish within an hour")
            time.sleep(0.05)
        seconds = time.monotonic() - start
        applied = int(self.sql(f"select rows_applied from ingestion_file where object_key = '{key}'") or 0)
        if status != "DONE" or applied != rows:
            reason = self.sql(f"select reason from ingestion_file where object_key = '{key}'")
            sys.exit(f"{label}: {status}, {applied} rows applied of {rows}: {reason}")
        return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--java", required=True)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    env = read_env(args.env_file)
    run = Run(env)

    dat = os.path.join(args.work, f"holdings-{args.records}.dat")
    csv = os.path.join(args.work, f"holdings-{args.records}.csv")
    if not (os.path.exists(dat) and os.path.exists(csv)):
        subprocess.run([sys.executable, os.path.join(ROOT, "samples", "holdings.py"), "--records", str(args.records),
                        "--out", dat, "--csv", csv], check=True)
    print(f"{args.records:,} holdings: record file {os.path.getsize(dat) / 2**20:.1f} MiB (CP037, COMP-3), "
          f"CSV {os.path.getsize(csv) / 2**20:.1f} MiB; service at -Xmx256m; {args.rounds} alternating rounds")

    proc = start_service(args.java, args.jar, env, os.path.join(args.work, "service-records.log"))
    try:
        wait_listening(run, proc)
        run.declare_csv_feed()
        time.sleep(6)  # the feed catalog re-reads definitions every 5 s
        run.load(csv, "incoming/holdings-csv/", args.records, "warmup-csv")
        run.load(dat, "incoming/holdings/", args.records, "warmup-records")
        times = {"records": [], "csv": []}
        for r in range(args.rounds):
            times["records"].append(run.load(dat, "incoming/holdings/", args.records, f"records-{r}"))
            times["csv"].append(run.load(csv, "incoming/holdings-csv/", args.records, f"csv-{r}"))
            print(f"  round {r + 1}: records {times['records'][-1]:.2f} s, csv {times['csv'][-1]:.2f} s")
        rss = peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()

    rate = {k: args.records / statistics.median(v) for k, v in times.items()}
    print(f"\n{'feed':<52} {'median s':>9} {'rows/s':>10}")
    print(f"{'holdings, record file: PutObject -> ledger DONE':<52} {statistics.median(times['records']):>9.2f} {rate['records']:>10,.0f}")
    print(f"{'baseline: the same rows as a CSV feed':<52} {statistics.median(times['csv']):>9.2f} {rate['csv']:>10,.0f}")
    print(f"\nrecord file / CSV = {rate['records'] / rate['csv']:.2f}")
    print(f"service peak RSS over the whole run (-Xmx256m): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
