#!/usr/bin/env python3
"""The local demo: uploads the sample files into the running stack and shows what landed.

usage: demo.py --env-file .local/run/env [--check]
Run by `./tact up`; safe to run again (each run uploads new object names, so each run is new data).
With --check (the end-to-end step of `./tact test`), it also asserts what it shows and exits non-zero when the
flow is broken: the files' outcomes, every partner delivery, the published alert, and one trace from the upload
to the partner call (and to the alert's SNS publish for the rejected file) in the local trace backend.
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

from localenv import access_token, psql, read_env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = [
    ("allocations-2026-11-25.csv", "incoming/allocations/"),
    ("bucket-attributes-2026-11-25.csv", "incoming/bucket-attributes/"),
    ("allocations-bad.csv", "incoming/allocations/"),
    # the mainframe's holdings extract: fixed-width CP037 records with packed decimals (samples/holdings.cpy)
    ("holdings-2026-11-25.dat", "incoming/holdings/"),
]


def api(env, base, path):
    """GET on a service's API; the demo only reads, so a viewer's token is enough."""
    request = urllib.request.Request(env[base] + path)
    request.add_header("Authorization", "Bearer " + access_token(env))
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_healthy(url, name, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/actuator/health", timeout=2) as r:
                if b'"UP"' in r.read():
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    sys.exit(f"{name} is not healthy at {url} after {seconds} s; see its log under .local/run/")


FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
    return condition


def show_holdings(env, f):
    """The record feed: the holdings extract decoded for reading (field, value, raw bytes) and what landed."""
    page = api(env, "TACT_INBOUND_URL", f"/api/files/{f['id']}/records?limit=2")
    print(f"\nThe mainframe holdings extract, decoded ({page.get('codePage')}; GET /api/files/{f['id']}/records?limit=2):")
    for record in page.get("records", []):
        print(f"  record {record['number']} ({record['type']}, byte {record['byteOffset']}):")
        for field in record["fields"][:8]:
            print(f"    {field['name']:<22} {field['picture'] or '':<16} {str(field['value'] if field['problem'] is None else field['problem']):<24} {field['hex']}")
    print("Holdings landed (view holding, after source weights):")
    print(psql(env, f"select account_id, security_id, as_of_date, bucket_id, quantity, market_value, currency "
                    f"from holding where file_id = {f['id']} order by 1, 2 limit 4"))
    check(f["status"] == "DONE" and (f["rowsApplied"] or 0) > 0, "the holdings extract landed")
    records = page.get("records", [])
    check(records and all(field["problem"] is None for r in records for field in r["fields"]),
          "the holdings extract reads back decoded, every field without a problem")


def show_deliveries(env, file_ids):
    """outbound-service's part: the files' bucket events relayed to EventBridge, routed and delivered to the mock partner."""
    if not file_ids or "TACT_OUTBOUND_URL" not in env:
        return
    wait_healthy(env["TACT_OUTBOUND_URL"], "outbound-service")
    of_run = (f"o.source = 'tact.inbound' and o.aggregate_type = 'bucket' "
              f"and (o.payload ->> 'fileId')::bigint in ({','.join(str(i) for i in file_ids)})")
    # done when every event of these files has reached each partner's ledger and none is still in progress
    settled = f"""select count(*) = 0 from outbox_event o where {of_run} and (o.published_at is null
                    or not exists (select 1 from delivery d where d.event_id = o.id)
                    or exists (select 1 from delivery d where d.event_id = o.id
                               and d.status in ('IN_FLIGHT', 'RETRYING', 'REPLAY_REQUESTED')))"""
    deadline = time.time() + 60
    while time.time() < deadline and psql(env, settled, table=False) != "t":
        time.sleep(0.5)
    check(psql(env, settled, table=False) == "t", "the partner deliveries settled within 60 s")
    check(psql(env, f"""select count(*) > 0 and count(*) = count(*) filter (where d.status = 'DELIVERED')
                          from delivery d join outbox_event o on o.id = d.event_id where {of_run}""", table=False) == "t",
          "every partner delivery of the applied files is DELIVERED")
    print("Partner deliveries of these events (outbound-service ledger, GET /api/deliveries):")
    print(psql(env, f"""select d.partner, o.event_type, d.bucket_id, d.status, d.attempts, d.last_status_code as http
                          from delivery d join outbox_event o on o.id = d.event_id where {of_run} order by d.partner, o.seq"""))
    mock = env.get("TACT_MOCK_PARTNER_URL")
    if mock:
        print(f"What the mock partner received ({mock}/mock/partners/<partner>/received):")
        for partner in ("custodian-a", "vendor-b"):
            try:
                with urllib.request.urlopen(f"{mock}/mock/partners/{partner}/stats", timeout=5) as r:
                    s = json.loads(r.read())
                print(f"  {partner:<12} calls {s['calls']:>4}  accepted {s['accepted']:>4}  duplicates {s['duplicates']:>3}  "
                      f"per endpoint {s['acceptedByEndpoint']}")
            except (urllib.error.URLError, OSError) as e:
                print(f"  {partner:<12} mock partner not reachable: {e}")


def show_alert(env, bucket, key):
    """alerting-service's part: the rejected file's FileRejected event, relayed by outbound-service to EventBridge,
    routed to the alerting queue, raised as an alert and published to SNS (grouped for 10 s first)."""
    if "TACT_ALERTING_URL" not in env:
        return
    wait_healthy(env["TACT_ALERTING_URL"], "alerting-service")
    query = "/api/alerts?source=tact.inbound&dedupKey=" + urllib.parse.quote(f"file-rejected:{bucket}/{key}", safe="")
    deadline = time.time() + 60
    alert = None
    while time.time() < deadline:
        found = api(env, "TACT_ALERTING_URL", query)
        if found and found[0]["state"] in ("PUBLISHED", "OFFLOADED", "FAILED"):
            alert = found[0]
            break
        time.sleep(1)
    if not check(alert is not None and alert["state"] in ("PUBLISHED", "OFFLOADED"), "the rejected file's alert is published"):
        print("No alert was published for the rejected file within 60 s; see .local/run/alerting-service.log")
        return None
    print("\nAlert raised for the rejected file (alerting-service, GET /api/alerts):")
    print(f"  {alert['severity']} {alert['state']} to topic {alert['topic']}: {alert['title']} (SNS message {alert.get('snsMessageId')})")
    return alert


def show_trace(env, file, expect=()):
    """A file's trace in the local trace backend: which services and spans it holds; with --check, each
    (service, span name prefix) of expect must be in it."""
    base, kind, trace_id = env.get("TACT_TRACES_URL"), env.get("TACT_TRACES_KIND"), file.get("traceId")
    if not base or not trace_id:
        check(not expect, f"a trace id and a trace backend for {file.get('key')}")
        return
    url = f"{base}/api/v2/trace/{trace_id}" if kind == "zipkin" else f"{base}/api/traces/{trace_id}"
    spans, seen, deadline = [], -1, time.time() + 30
    # spans leave each service in batches: wait until the trace stops growing
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                spans = json.load(r)
        except (urllib.error.URLError, ValueError):
            spans = []
        if spans and len(spans) == seen and all(has_span(spans, svc, name) for svc, name in expect):
            break
        seen = len(spans)
        time.sleep(3)
    print(f"\nTrace of {file['key']} ({kind} at {base}/zipkin/traces/{trace_id}):")
    for svc, name in expect:
        check(has_span(spans, svc, name), f"the trace of {file['key']} holds {svc}'s span '{name}...'")
    if not spans:
        print("  (no spans arrived)")
        return
    by_service = {}
    for span in sorted(spans, key=lambda s: s.get("timestamp", 0)):
        service = span.get("localEndpoint", {}).get("serviceName", "?")
        by_service.setdefault(service, []).append(span.get("name", "?"))
    for service, names in by_service.items():
        shown = list(dict.fromkeys(names))
        print(f"  {service:<18} {len(names):>3} spans: {', '.join(shown[:8])}{' ...' if len(shown) > 8 else ''}")


def has_span(spans, service, name_prefix):
    return any(s.get("localEndpoint", {}).get("serviceName") == service and s.get("name", "").startswith(name_prefix)
               for s in spans)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--check", action="store_true", help="assert the flow end to end; exit 1 when it is broken")
    args = parser.parse_args()
    env = read_env(args.env_file)

    wait_healthy(env["TACT_INBOUND_URL"], "inbound-service")
    s3 = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
                      aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                      config=Config(s3={"addressing_style": "path"}))
    run = time.strftime("%H%M%S")
    keys = []
    for name, prefix in SAMPLES:
        key = f"{prefix}demo-{run}-{name}"
        s3.upload_file(os.path.join(ROOT, "samples", name), env["TACT_INBOUND_BUCKET"], key)
        keys.append(key)
        print(f"uploaded s3://{env['TACT_INBOUND_BUCKET']}/{key}")

    files = {}
    deadline = time.time() + 60
    while time.time() < deadline and len(files) < len(keys):
        for f in api(env, "TACT_INBOUND_URL", "/api/files?limit=50"):
            if f["key"] in keys and f["status"] in ("DONE", "REJECTED"):
                files[f["key"]] = f
        time.sleep(0.5)
    if len(files) < len(keys):
        sys.exit("not every sample was ingested within 60 s; see .local/run/inbound-service.log")

    print("\nWhat landed (GET /api/files):")
    print(f"  {'file':<72} {'status':<9} {'rows':>5} {'valid':>5} {'applied':>7} {'errors':>6}")
    for key in keys:
        f = files[key]
        print(f"  {key:<72} {f['status']:<9} {f['rowsTotal'] or 0:>5} {f['rowsValid'] or 0:>5} {f['rowsApplied'] or 0:>7} {f['errorCount']:>6}")
    bad = files[keys[2]]
    print(f"\nRow errors of the rejected file (GET /api/files/{bad['id']}/errors):")
    for e in api(env, "TACT_INBOUND_URL", f"/api/files/{bad['id']}/errors"):
        print(f"  line {e['line']}, column {e['columnNo']} ({e['column']}): {e['reason']}")
    print("\nAllocations after source-weight resolution (table allocation; losers stay in allocation_candidate):")
    print(psql(env, "select bucket_id, security_id, weight, source from allocation where bucket_id in ('GROWTH-01','INCOME-02') order by 1, 2"))
    print("Bucket attributes rolled up into bucket.attributes (JSONB) with queried columns:")
    print(psql(env, "select bucket_id, rebalance_frequency, has_etf, drift_tolerance, attributes from bucket where bucket_id in ('GROWTH-01','INCOME-02') order by 1"))
    print("Outbox events written in the same transactions (published by outbound-service):")
    print(psql(env, "select seq, event_type, aggregate_id, published_at is not null as published from outbox_event order by seq desc limit 8"))
    show_holdings(env, files[keys[3]])
    # no partner subscribes to HoldingsChanged: the holdings file has no deliveries to wait for
    show_deliveries(env, [f["id"] for k, f in files.items() if f["status"] == "DONE" and not k.endswith(".dat")])
    show_alert(env, env["TACT_INBOUND_BUCKET"], keys[2])
    if args.check:
        statuses = [files[k]["status"] for k in keys]
        check(statuses == ["DONE", "DONE", "REJECTED", "DONE"], f"the samples end DONE, DONE, REJECTED, DONE (were {statuses})")
    bus = env.get("TACT_EVENT_BUS", "")
    # zipkin lower-cases span names
    show_trace(env, files[keys[0]], expect=[("inbound-service", "ingest"), ("outbound-service", f"publish {bus}".lower()),
                                            ("outbound-service", "deliver"), ("outbound-service", "post")] if args.check else ())
    if args.check:
        show_trace(env, files[keys[2]], expect=[("inbound-service", "ingest"), ("alerting-service", "alert intake"),
                                                ("alerting-service", "publish warning")])
        if FAILURES:
            print("\nEND TO END FAILED:\n  " + "\n  ".join(FAILURES))
            sys.exit(1)
        print("\nend to end: every check passed")


if __name__ == "__main__":
    main()
