#!/usr/bin/env python3
"""Phases of bench/outbound/run.sh: queue a backlog, measure deliveries, pace events for latency.

Events are BucketAttributesChanged (routed to vendor-b only); the mock partner answers 200 after 50 ms.
Figures come from Postgres (outbox created_at, delivery delivered_at) and the relay's PutEvents counter. The
service's API takes an access token of the stack's identity provider (TACT_OIDC_ISSUER, TACT_DEV_PASSWORD from
the stack's env file, exported by run.sh). Each line names the emulator (BENCH_EMULATOR).
"""
import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cloud"))
from localenv import access_token  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from proc_cpu import cpu_seconds  # noqa: E402

EMULATOR = os.environ.get("BENCH_EMULATOR", "emulator")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out")


def psql(sql):
    return subprocess.run(os.environ["PSQL"].split() + ["-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def http(method, url, body=None, role=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if role:
        req.add_header("Authorization", "Bearer " + access_token(os.environ, role))
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def insert(run, n, start=0):
    psql(f"""insert into bucket (bucket_id) select 'BENCH-{run}-' || g from generate_series({start + 1}, {start + n}) g on conflict do nothing;
             insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload)
             select 'tact.inbound', 'BucketAttributesChanged', 'bucket', 'BENCH-{run}-' || g,
                    jsonb_build_object('bucketId', 'BENCH-{run}-' || g, 'feed', 'bucket-attributes', 'fileId', 0,
                                       'changedKeys', 1, 'benchRun', '{run}')
               from generate_series({start + 1}, {start + n}) g;""")


def delivered(run):
    return int(psql(f"""select count(*) from delivery d join outbox_event o on o.id = d.event_id
                        where d.partner = 'vendor-b' and d.status = 'DELIVERED' and o.payload ->> 'benchRun' = '{run}'"""))


def wait_delivered(run, n, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if delivered(run) >= n:
            return True
        time.sleep(0.5)
    return False


def stats(run):
    row = psql(f"""select extract(epoch from max(d.delivered_at) - min(d.delivered_at)), count(*),
                          percentile_cont(0.5) within group (order by extract(epoch from d.delivered_at - o.created_at) * 1000),
                          percentile_cont(0.99) within group (order by extract(epoch from d.delivered_at - o.created_at) * 1000)
                     from delivery d join outbox_event o on o.id = d.event_id
                    where d.partner = 'vendor-b' and d.status = 'DELIVERED' and o.payload ->> 'benchRun' = '{run}'""")
    span, count, p50, p99 = row.split("|")
    return float(span or 0), int(count), float(p50 or 0), float(p99 or 0)


def cpu_snapshot(spec):
    """{name: cpu seconds} for "name=pid,name=pid" (BENCH_CPU_PIDS)."""
    out = {}
    for item in filter(None, (spec or "").split(",")):
        name, pid = item.split("=")
        out[name] = cpu_seconds(int(pid))
    return out


def http_text(url, role):
    req = urllib.request.Request(url)
    req.add_header("Authorization", "Bearer " + access_token(os.environ, role))
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read().decode()


def call_counts(service, mock):
    """What the deliveries cost in calls: the service's AWS calls by operation (tact.aws.* counters), the messages its
    SQS receives returned, the mock partner's calls and token requests, Postgres transactions (all of database tact)."""
    out = {}
    try:
        for line in http_text(service + "/actuator/prometheus", "viewer").splitlines():
            if line.startswith("tact_aws_calls_total{"):
                labels = dict(kv.split("=", 1) for kv in line[line.index("{") + 1:line.rindex("}")].split(","))
                key = labels["operation"].strip('"') + ("" if labels["outcome"].strip('"') == "success" else " (error)")
                out[key] = out.get(key, 0) + float(line.rsplit(" ", 1)[1])
            for name, key in (("tact_aws_sqs_received_total", "messages received"),
                              ("tact_aws_sqs_empty_receives_total", "empty receives"),
                              ("tact_aws_sqs_batch_deleted_total", "batch-deleted entries")):
                if line.startswith(name + " ") or line.startswith(name + "{"):
                    out[key] = out.get(key, 0) + float(line.rsplit(" ", 1)[1])
    except Exception as e:  # noqa: BLE001 (a build without the counters)
        out["(no AWS call counters: " + type(e).__name__ + ")"] = 0
    st = http("GET", mock + "/mock/partners/vendor-b/stats")
    out["partner calls"] = st["calls"]
    out["token requests"] = st["tokenRequests"]
    out["Postgres transactions"] = int(psql("select xact_commit + xact_rollback from pg_stat_database where datname = current_database()"))
    return out


def probe(label):
    """The emulator's own ceiling: one client receiving and batch-deleting a 500-message backlog, no service involved."""
    import boto3
    session = boto3.session.Session(region_name=os.environ.get("AWS_REGION", "us-east-1"))
    sqs = session.client("sqs", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    url = sqs.create_queue(QueueName="bench-probe")["QueueUrl"]
    sqs.purge_queue(QueueUrl=url)
    for i in range(50):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(k), "MessageBody": "{}"} for k in range(10)])
    start, n = time.time(), 0
    while n < 500:
        msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not msgs:
            break
        sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(k), "ReceiptHandle": m["ReceiptHandle"]} for k, m in enumerate(msgs)])
        n += len(msgs)
    print(f"[{EMULATOR}] [{label}] {n / (time.time() - start):.0f} messages/s")


def summary():
    """The ratio of this run's concurrent figure to this run's sequential one (never a figure of another run)."""
    rates = {}
    for phase in ("sequential", "concurrent"):
        with open(os.path.join(OUT, "outbound-" + phase + ".rate")) as f:
            rates[phase] = float(f.read())
    ratio = rates["concurrent"] / rates["sequential"]
    print(f"[{EMULATOR}] outbound: {rates['concurrent']:.1f} deliveries/s at concurrency 64 / {rates['sequential']:.1f} "
          f"sequential = {ratio:.1f}x (target 40x)")
    results = os.environ.get("BENCH_RESULTS")
    if results:
        with open(results, "a") as f:
            f.write("\t".join(["outbound dispatch, 50 ms partner", f"{rates['concurrent']:.1f} deliveries/s",
                               f"{rates['sequential']:.1f}/s sequential", f"{ratio:.1f}x (target 40x)", EMULATOR,
                               datetime.date.today().isoformat()]) + "\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("phase", choices=["backlog", "warmup", "measure", "paced", "probe", "summary"])
    p.add_argument("--run", required=True)
    p.add_argument("--events", type=int, default=200)
    p.add_argument("--rate", type=int, default=50)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--label", default="")
    p.add_argument("--mock", required=True)
    p.add_argument("--service", required=True)
    a = p.parse_args()
    if a.phase == "probe":
        probe(a.label)
        return
    if a.phase == "summary":
        summary()
        return
    run = a.run + "-" + str(int(time.time()))
    state = "/tmp/tact-bench-" + a.run
    if a.phase == "backlog":
        insert(run, a.events)
        open(state, "w").write(run)
        return
    http("PUT", a.mock + "/mock/partners/vendor-b/script", {"steps": [{"status": 200, "delayMs": 50}]})
    if a.phase == "warmup":
        # through the service process that is then measured: its JIT has compiled the delivery path, as in a
        # service that has been running for a while (a cold JVM spends most of a short phase compiling)
        started = time.time()
        insert(run, a.events)
        ok = wait_delivered(run, a.events, timeout=max(120, a.events))
        print(f"[{EMULATOR}] [{a.label}] warm-up: {delivered(run)}/{a.events} delivered in {time.time() - started:.1f} s"
              + ("" if ok else " (TIMED OUT)"))
    elif a.phase == "measure":
        run = open(state).read().strip()
        access_token(os.environ, "viewer")  # fetched (and cached) before the window opens
        calls0 = call_counts(a.service, a.mock)
        cpu0, done0 = cpu_snapshot(os.environ.get("BENCH_CPU_PIDS")), delivered(run)
        ok = wait_delivered(run, a.events, timeout=max(120, a.events))
        cpu1, done1 = cpu_snapshot(os.environ.get("BENCH_CPU_PIDS")), delivered(run)
        calls1 = call_counts(a.service, a.mock)
        span, count, p50, p99 = stats(run)
        rate = (count - 1) / span if span > 0 else float("nan")
        calls = http("GET", a.service + "/actuator/metrics/tact.outbox.publish.calls", role="viewer")["measurements"][0]["value"]
        print(f"[{EMULATOR}] [{a.label}] {count}/{a.events} delivered{'' if ok else ' (TIMED OUT)'}: {rate:.1f} deliveries/s; "
              f"PutEvents calls {int(calls)} over the service's life, warm-up included (ceil(events/10) = {math.ceil(a.events / 10)} for "
              f"this backlog); "
              f"backlog outbox->partner p50 {p50:.0f} ms, p99 {p99:.0f} ms")
        if cpu0 and done1 > done0:
            per = {k: (cpu1[k] - cpu0[k]) * 1000 / (done1 - done0) for k in cpu0}
            print(f"[{EMULATOR}] [{a.label}] CPU ms per delivery over the last {done1 - done0} deliveries: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in per.items()) + f"; total {sum(per.values()):.2f}")
        if done1 > done0:
            # the same window as the CPU figures (the relay's PutEvents included; Postgres counts the bench's polls too)
            print(f"[{EMULATOR}] [{a.label}] calls per delivery over the last {done1 - done0} deliveries: "
                  + ", ".join(f"{k} {(calls1.get(k, 0) - calls0.get(k, 0)) / (done1 - done0):.3f}"
                              for k in sorted(calls1) if calls1.get(k, 0) != calls0.get(k, 0) or k.startswith("(")))
        with open(os.path.join(OUT, "outbound-" + a.run + ".rate"), "w") as f:
            f.write(str(rate))
    else:
        total = a.rate * a.seconds
        tick = 0.1
        per_tick = max(1, a.rate // 10)
        start = time.time()
        sent = 0
        while sent < total:
            insert(run, per_tick, sent)
            sent += per_tick
            time.sleep(max(0.0, start + (sent / a.rate) - time.time()))
        ok = wait_delivered(run, total, timeout=120)
        span, count, p50, p99 = stats(run)
        print(f"[{EMULATOR}] [{a.label}] {count}/{total} delivered{'' if ok else ' (TIMED OUT)'}: outbox->partner p50 {p50:.0f} ms, p99 {p99:.0f} ms")


if __name__ == "__main__":
    main()
