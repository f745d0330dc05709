#!/usr/bin/env python3
"""The fault-injection suite (issue 7): `./tact reliability`.

What it is
    The services' packaged jars run as separate JVM processes against a real moto server and a real Postgres,
    both started for the run on free ports by ./tact (its start_cloud / provision_env, one environment name
    and one database per scenario) and always stopped by its trap. Faults are injected for real: SIGKILL,
    `pg_ctl restart -m fast`, a TCP proxy between the services and the emulator that is cut, the mock partner
    scripted to answer 503, and a corpus of hostile files and queue messages.

How to run
    ./tact reliability                       everything, full size (the CI run)
    ./tact reliability --only kill,corpus    some scenarios (kill, scale, faults, corpus)
    ./tact reliability --small               scaled-down sizes, for developing a scenario

Scenarios
    kill    an inbound instance SIGKILLed at random points during a 100,000-row allocations file, 10 times,
            restarted each time; the candidate table's checksum equals a clean run's, no row missing or twice,
            the ledger row DONE once, one change event per bucket.
    scale   3 inbound and 3 outbound instances on the same queues; 50 files whose changes are 5,000 events:
            every file applied once, every event delivered exactly once to the mock partner.
    faults  the emulator unreachable for 30 s (proxy cut) while files are ingested, events dispatched and
            alerts published; Postgres restarted in the middle of a file; the partners answering 503 for 60 s:
            everything completes after recovery, counts match, every DLQ empty.
    corpus  the files and messages of reliability/corpus/manifest.csv (big ones generated here): each ends
            with its declared status and reason within its time bound, never stays PROCESSING, and the
            service stays alive and healthy throughout. Writes reliability/OUTCOMES.md.
            The manifest declares the behaviour issue 7 asks for (numbers bounded before normalisation, 4-digit
            years, field and record limits, a value Postgres refuses REJECTED, another bucket's event ignored); on
            code without those fixes the corpus fails, and OUTCOMES.md shows where.

How the services run
    `java -Xmx256m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -jar <service>.jar --spring.profiles.active=local`
    on a free port, each with a log in the run folder (copied to .local/reliability-last/ at the end). inbound-service
    gets short claim timings in kill (lease 4 s, heartbeat 1 s, visibility 5 s, as IngestionCrashIT) and in faults and
    corpus (lease 10 s, heartbeat 2 s, visibility 15 s); outbound and alerting run with their defaults. In kill the
    inbound queue's redrive policy allows 50 receives instead of 5: ten crashes of one file in a row are more
    receives than the production policy allows, which would dead-letter the message before the file can finish.

Sizes (full / --small)
    kill 100,000 rows, 10 kills / 20,000, 3; scale 50 files of 100 buckets (5,000 change events, 7,500 partner
    deliveries) / 10 of 20; faults a 200,000-row file, a 100,000-row file and 2 x 10 files of 50 buckets / 50,000,
    25,000 and 2 x 4 of 10; corpus always whole.

Output
    The last line is `faults F, files N, events E, alerts A, lost L, duplicated D`: F faults injected (kills,
    restarts, cuts, outages, hostile files and messages), N files uploaded, E partner deliveries verified,
    A alerts published, L expected items missing (rows, files, deliveries, alerts), D items seen twice.
    The exit status is non-zero when anything was lost or duplicated or any expectation failed.
"""
import argparse
import os
import shutil
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stack import Failure, Processes, log, read_env  # noqa: E402
import scenarios  # noqa: E402

ALL = ["kill", "scale", "faults", "corpus"]


class Context:
    def __init__(self, args):
        self.dir = args.dir
        self.run = args.run
        self.java = args.java
        self.pg_bin = args.pg_bin
        self.small = args.small
        self.seed = args.seed
        self.pgdata = open(os.path.join(args.dir, "pgdata")).read().strip()
        self.procs = Processes(self)
        self.faults = self.files = self.events = self.alerts = self.lost = self.duplicated = 0
        self.failures = []
        self.mock = None

    def env(self, scenario):
        return read_env(os.path.join(self.dir, f"env-{self.run}-{scenario}"))

    def expect(self, ok, message):
        """Records a failed expectation without stopping the scenario, so that one run reports them all."""
        if not ok:
            self.failures.append(message)
            log(f"FAILED: {message}")
        return ok


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", required=True, help="the run folder ./tact made (env files, pgdata, logs)")
    p.add_argument("--run", required=True, help="the run id: environments are <run>-<scenario>")
    p.add_argument("--java", required=True)
    p.add_argument("--pg-bin", required=True)
    p.add_argument("--only", default=",".join(ALL))
    p.add_argument("--small", action="store_true", help="scaled-down sizes for development")
    p.add_argument("--seed", type=int, default=int(time.time()))
    args = p.parse_args()
    ctx = Context(args)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(ALL)
    if unknown:
        sys.exit(f"unknown scenario(s) {sorted(unknown)}; choose from {ALL}")
    log(f"run {ctx.run}, seed {ctx.seed}, scenarios {chosen}{' (small)' if ctx.small else ''}")
    started = time.monotonic()
    durations = {}
    try:
        ctx.mock = scenarios.start_mock_partner(ctx)
        for name in chosen:
            t0 = time.monotonic()
            log(f"=== scenario {name}")
            try:
                getattr(scenarios, f"scenario_{name}")(ctx)
            except Failure as e:
                ctx.failures.append(f"{name}: {e}")
                log(f"FAILED: {name}: {e}")
            except Exception as e:  # a bug in the harness is a failed run, never a silent pass
                ctx.failures.append(f"{name}: harness error {e!r}")
                traceback.print_exc()
            finally:
                ctx.procs.stop_all_but("mock-partner")
            durations[name] = time.monotonic() - t0
            log(f"=== scenario {name}: {durations[name]:.0f} s")
    finally:
        ctx.procs.stop_all()
        keep = os.path.join(os.path.dirname(HERE), ".local", "reliability-last")
        shutil.rmtree(keep, ignore_errors=True)
        os.makedirs(keep, exist_ok=True)
        for f in os.listdir(ctx.dir):
            if f.endswith(".log"):
                shutil.copy(os.path.join(ctx.dir, f), keep)
    log("durations: " + ", ".join(f"{k} {v:.0f} s" for k, v in durations.items())
        + f"; total {time.monotonic() - started:.0f} s; service logs in .local/reliability-last/")
    if ctx.failures:
        log(f"{len(ctx.failures)} expectation(s) failed:")
        for f in ctx.failures:
            print(f"  - {f}", flush=True)
    print(f"faults {ctx.faults}, files {ctx.files}, events {ctx.events}, alerts {ctx.alerts}, "
          f"lost {ctx.lost}, duplicated {ctx.duplicated}", flush=True)
    return 1 if ctx.failures or ctx.lost or ctx.duplicated else 0


if __name__ == "__main__":
    sys.exit(main())
