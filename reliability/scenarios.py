"""The four scenarios of the suite (see suite.py). Each gets its own environment (queues, buckets, bus, database)."""
import glob
import json
import os
import random
import threading
import time

from stack import ROOT, Db, Failure, Service, TcpProxy, Postgres, aws, free_port, http_json, log, wait_for

ALLOC_HEADER = "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n"
ATTR_HEADER = "bucket_id,attribute,value,source\n"
SOURCES = ["CUSTODIAN", "PM_DESK", "VENDOR"]
# short claim timings, as the crash IT uses: a killed instance's file is taken over in seconds, not minutes
FAST_CLAIM = ["--tact.inbound.claim.lease=4s", "--tact.inbound.claim.heartbeat=1s",
              "--tact.inbound.claim.visibility-timeout=5s", "--tact.inbound.claim.retry-backoff=1s"]


def q(s):
    return "'" + str(s).replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------------- helpers

def start_mock_partner(ctx):
    port = free_port()
    jar = glob.glob(os.path.join(ROOT, "mock-partner", "target", "mock-partner-*-exec.jar"))[0]
    ctx.procs.start("mock-partner", jar, {"MOCK_PARTNER_PORT": str(port),
                                          "MOCK_PARTNER_CLIENTS": "custodian-a=local-dev-custodian-a,vendor-b=local-dev-vendor-b"},
                    heap="256m")
    url = f"http://127.0.0.1:{port}"

    def probe():
        if not ctx.procs.alive("mock-partner"):
            raise Failure("the mock partner exited while starting; see mock-partner.log")
        return http_json(url + "/health").get("status") == "UP", "starting"
    wait_for("mock partner health", probe, 60, interval=0.3)
    return url


def service_env(ctx, env, aws_endpoint=None):
    out = dict(env)
    out["TACT_MOCK_PARTNER_URL"] = ctx.mock
    if aws_endpoint:
        out["AWS_ENDPOINT_URL"] = aws_endpoint
    return out


def start_all(services, timeout=240):
    """Starts instances side by side (the JVMs share two cores, so one by one would take longest) and waits."""
    for s in services:
        s.start()
    for s in services:
        s.wait_up(timeout)
    return services


def mock_reset(ctx):
    http_json(ctx.mock + "/mock/partners", method="DELETE")
    for partner in ("custodian-a", "vendor-b"):
        http_json(f"{ctx.mock}/mock/partners/{partner}/script", method="PUT", body={"steps": []})


def mock_stats(ctx, partner):
    return http_json(f"{ctx.mock}/mock/partners/{partner}/stats")


def write_allocations(path, rows, bucket_prefix, buckets, seed=0):
    with open(path, "w", buffering=1 << 20) as f:
        f.write(ALLOC_HEADER)
        for i in range(rows):
            weight = ((i * 7919 + seed) % 10000) / 100
            f.write(f"{bucket_prefix}{i % buckets},S{i:09d},{weight:.2f},2026-11-25,{SOURCES[i % 3]},USD,EQUITY\n")


def write_attributes(path, bucket_prefix, buckets):
    with open(path, "w") as f:
        f.write(ATTR_HEADER)
        for b in range(buckets):
            f.write(f"{bucket_prefix}{b},rebalanceFrequency,{['MONTHLY', 'QUARTERLY'][b % 2]},PM_DESK\n")
            f.write(f"{bucket_prefix}{b},driftTolerance,0.0{b % 10},RISK\n")


def ledger(db, key):
    """The ledger rows of a key: id, status, attempts, rows_applied, reason."""
    return db.rows(f"""select id, status, attempts, coalesce(rows_applied, -1), coalesce(reason, '')
                         from ingestion_file where object_key = {q(key)} order by id""")


def wait_final(db, key, timeout, what=None):
    def probe():
        rows = ledger(db, key)
        return bool(rows) and rows[-1][1] in ("DONE", "REJECTED"), rows
    return wait_for(what or f"{key} DONE or REJECTED", probe, timeout)[-1]


def queue_url(sqs, name):
    return sqs.get_queue_url(QueueName=name)["QueueUrl"]


def queue_depth(sqs, name):
    a = sqs.get_queue_attributes(QueueUrl=queue_url(sqs, name),
                                 AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"])


def dlqs(env):
    names = [env["TACT_INBOUND_DLQ"], env["TACT_OUTBOUND_CUSTODIAN_A_DLQ"], env["TACT_OUTBOUND_VENDOR_B_DLQ"]]
    names.append(env["TACT_INBOUND_DLQ"].replace("inbound-files-dlq", "alerting-events-dlq"))
    return names


def check_dlqs_empty(ctx, env, sqs, scenario):
    for name in dlqs(env):
        depth = queue_depth(sqs, name)
        ctx.expect(depth == 0, f"{scenario}: {depth} message(s) in {name}")


# ---------------------------------------------------------------------------------------------------- kill

def candidate_checksum(db):
    """count, distinct keys and md5 of every candidate row (key, values, line) in key order."""
    return tuple(db.rows("""
        select count(*), count(distinct (bucket_id, security_id, effective_date, source)),
               md5(coalesce(string_agg(concat_ws('|', bucket_id, security_id, effective_date, source, weight, currency,
                                                 asset_class, line_no), E'\\n'
                                       order by bucket_id, security_id, effective_date, source), ''))
          from allocation_candidate""")[0])


def kill_point(db, key, phase, rng, rows):
    """Returns once the file's attempt reached the drawn point (or ended): `claimed` a random 0-300 ms after the
    claim, `copying` when a COPY into the stage has passed a random row count, `landing` while a chunk is being
    landed into the candidate table. Where it is is read from Postgres (pg_stat_progress_copy, pg_stat_activity)."""
    if phase == "claimed":
        delay = rng.uniform(0.0, 0.3)
        time.sleep(delay)  # the fault's random point, not a synchronisation
        return f"{delay * 1000:.0f} ms after the claim"
    threshold = rng.randint(1, max(2, int(min(rows, 60_000) * 0.9)))
    sql = f"""select (select status from ingestion_file where object_key = {q(key)}),
                     coalesce((select max(tuples_processed) from pg_stat_progress_copy where datid =
                               (select oid from pg_database where datname = current_database())), -1),
                     (select count(*) from pg_stat_activity where datname = current_database() and state = 'active'
                         and pid <> pg_backend_pid() and query ilike '%ingest_stage%' and query not ilike 'copy%')"""

    seen_copy = []

    def reached():
        status, copied, landing = db.rows(sql)[0]
        if status != "PROCESSING":
            return True, f"the file ended {status}"
        if phase == "copying" and int(copied) >= threshold:
            return True, f"while copying, {copied} rows into the stage (drawn: {threshold})"
        if phase == "copying" and int(copied) < 0 and seen_copy:
            # a chunk's COPY can end between two polls before reaching the drawn count: kill right after it
            return True, f"just after a COPY into the stage ended at {seen_copy[-1]}+ rows (drawn: {threshold})"
        if int(copied) >= 0:
            seen_copy.append(int(copied))
        if phase == "landing" and int(landing) > 0:
            return True, "while a chunk was being landed"
        return False, (status, copied, landing)
    return wait_for(f"kill point {phase}", reached, 120, interval=0.02)


def scenario_kill(ctx):
    rows = 20_000 if ctx.small else 100_000
    kills = 3 if ctx.small else 10
    buckets = 200
    env = ctx.env("kill")
    db, s3, sqs = Db(ctx.pg_bin, env), aws(env, "s3"), aws(env, "sqs")
    rng = random.Random(ctx.seed)
    # Ten crashes of one file in a row are more receives than the production redrive policy allows (5): this
    # scenario's queue allows 50, so that the message outlives the kills; everything else is as provisioned.
    dlq_arn = sqs.get_queue_attributes(QueueUrl=queue_url(sqs, env["TACT_INBOUND_DLQ"]),
                                       AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=queue_url(sqs, env["TACT_INBOUND_QUEUE"]), Attributes={
        "VisibilityTimeout": "5",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "50"})})
    path = os.path.join(ctx.dir, "kill.csv")
    prefix = f"K{ctx.run.upper()}-"
    write_allocations(path, rows, prefix, buckets)
    bucket = env["TACT_INBOUND_BUCKET"]
    # the service gives a version up after 3 attempts that did not finish (the production default): here every
    # attempt is killed on purpose, so it may try as often as the queue redelivers
    svc = Service(ctx.procs, "kill-inbound", "inbound-service", service_env(ctx, env),
                  FAST_CLAIM + ["--tact.inbound.claim.max-attempts=50", "--tact.inbound.claim.max-receives=50"])
    start_all([svc])

    clean_key = f"incoming/allocations/clean-{ctx.run}.csv"
    s3.upload_file(path, bucket, clean_key)
    ctx.files += 1
    # the ledger's timestamps are transaction times: the file's working time is measured here, from claim to end
    claimed_at = {}

    def clean_done():
        r = ledger(db, clean_key)
        if r and "t" not in claimed_at:
            claimed_at["t"] = time.monotonic()
        return bool(r) and r[0][1] in ("DONE", "REJECTED"), r
    clean = wait_for("the clean run", clean_done, 300, interval=0.05)[0]
    if clean[1] != "DONE":
        raise Failure(f"the clean run ended {clean[1]}: {clean[4]}")
    clean_seconds = time.monotonic() - claimed_at["t"]
    expected = candidate_checksum(db)
    log(f"kill: clean run of {rows:,} rows in {clean_seconds:.1f} s; checksum {expected[2]}")
    ctx.expect(int(expected[0]) == rows, f"kill: the clean run left {expected[0]} candidate rows, expected {rows}")
    # the faulted run must write every row again (unchanged rows are not rewritten)
    db.rows("delete from allocation_candidate")

    key = f"incoming/allocations/killed-{ctx.run}.csv"
    s3.upload_file(path, bucket, key)
    ctx.files += 1
    landed = 0
    for attempt in range(1, kills + 1):
        def claimed():
            r = ledger(db, key)
            return bool(r) and (r[0][1] != "PROCESSING" or int(r[0][2]) >= attempt), r
        row = wait_for(f"attempt {attempt} claims the file", claimed, 120, interval=0.05)[0]
        if row[1] != "PROCESSING":
            log(f"kill: the file ended {row[1]} before kill {attempt}")
            break
        # the fault's random point in the file: a phase, and a place in it, drawn at random
        phase = rng.choice(["claimed", "copying", "landing"])
        point = kill_point(db, key, phase, rng, rows)
        status = ledger(db, key)[0][1]
        svc.kill9()
        ctx.faults += 1
        landed += status == "PROCESSING"
        log(f"kill {attempt}: SIGKILL {point} of attempt {attempt} (ledger said {status})")
        start_all([svc])
    final = wait_final(db, key, 300, "the killed file after its last restart")
    got = candidate_checksum(db)
    rows_for_key = ledger(db, key)
    file_id = final[0]
    log(f"kill: {landed} kills landed mid-file; final {final[1]} after {final[2]} attempts; checksum {got[2]}")
    ctx.expect(landed == kills, f"kill: only {landed} of {kills} kills landed while the file was PROCESSING")
    ctx.expect(len(rows_for_key) == 1 and final[1] == "DONE", f"kill: ledger rows for the file: {rows_for_key}")
    ctx.expect(int(final[3]) == rows, f"kill: rows_applied {final[3]}, expected {rows}")
    ctx.expect(got == expected, f"kill: candidates {got} differ from the clean run's {expected}")
    missing = max(0, rows - int(got[0]))
    ctx.lost += missing
    ctx.duplicated += int(got[0]) - int(got[1])
    other = db.int(f"select count(*) from allocation_candidate where file_id <> {file_id}")
    ctx.expect(other == 0, f"kill: {other} candidate rows are not from the faulted file")
    events = db.rows(f"""select count(*), count(distinct aggregate_id) from outbox_event
                          where event_type = 'AllocationsChanged' and payload ->> 'fileId' = {q(file_id)}""")[0]
    ctx.expect(int(events[0]) == buckets and int(events[1]) == buckets,
               f"kill: AllocationsChanged events {events[0]} for {events[1]} buckets, expected one per bucket ({buckets})")
    ctx.duplicated += max(0, int(events[0]) - int(events[1]))
    ingested = db.int(f"select count(*) from outbox_event where event_type = 'FileIngested' and aggregate_id = {q(file_id)}")
    ctx.expect(ingested == 1, f"kill: {ingested} FileIngested events for the file")
    ctx.duplicated += max(0, ingested - 1)
    ctx.lost += 0 if final[1] == "DONE" else 1


# ---------------------------------------------------------------------------------------------------- corpus

class HealthWatch:
    """Polls an instance's health twice a second on a thread of its own; every moment it is not UP is recorded,
    and a dead instance is restarted (so the rest of the corpus still gets an outcome) and the death recorded."""

    def __init__(self, svc):
        self.svc = svc
        self.events = []
        self.stopped = threading.Event()
        self.checks = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopped.wait(0.5):
            self.checks += 1
            if not self.svc.alive():
                self.events.append(f"{time.strftime('%H:%M:%S')} {self.svc.name} exited (code "
                                   f"{self.svc.procs.running[self.svc.name].poll()}); restarted")
                self.svc.procs.stop(self.svc.name)
                self.svc.start()
                try:
                    self.svc.wait_up(180)
                except Failure as e:
                    self.events.append(str(e))
                continue
            status = self.svc.health()
            if status != "UP":
                self.events.append(f"{time.strftime('%H:%M:%S')} health {status}")

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=200)


def read_manifest():
    import csv
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "manifest.csv"), newline="") as f:
        return list(csv.DictReader(f))


def reasons(db, file_id):
    rows = db.rows(f"""select coalesce(f.reason, ''), coalesce(string_agg(coalesce(e.line_no::text, '-') || ': ' || e.reason,
                                                                         ' ; ' order by e.seq), '')
                         from ingestion_file f left join lateral (select * from row_error where file_id = f.id order by seq
                                                                  limit 20) e on true
                        where f.id = {file_id} group by f.reason""")
    return rows[0] if rows else ("", "")


def scenario_corpus(ctx):
    import re
    import corpus
    env = ctx.env("corpus")
    db, s3, sqs = Db(ctx.pg_bin, env), aws(env, "s3"), aws(env, "sqs")
    bucket = env["TACT_INBOUND_BUCKET"]
    manifest = read_manifest()
    here = os.path.dirname(os.path.abspath(__file__))
    svc = Service(ctx.procs, "corpus-inbound", "inbound-service", service_env(ctx, env),
                  ["--tact.inbound.claim.lease=10s", "--tact.inbound.claim.heartbeat=2s",
                   "--tact.inbound.claim.visibility-timeout=15s", "--tact.inbound.claim.retry-backoff=1s"])
    start_all([svc])
    watch = HealthWatch(svc)
    small_bound, big_bound = (90, 240)
    outcomes = {}
    files = [m for m in manifest if not m["file"].startswith("messages/")]
    messages = [m for m in manifest if m["file"].startswith("messages/")]
    gen_messages = corpus.generated_messages()
    try:
        uploads = {}
        # small files, then the messages, then the big generated files: all in flight together
        for m in files:
            path = os.path.join(here, "corpus", m["file"])
            if os.path.exists(path):
                key = "incoming/" + m["file"]
                s3.upload_file(path, bucket, key)
                uploads[m["file"]] = (key, time.monotonic(), small_bound)
        url = queue_url(sqs, env["TACT_INBOUND_QUEUE"])
        # a valid file in another bucket of the account, which an event then names
        other_bucket = env["TACT_ALERT_PAYLOAD_BUCKET"]
        s3.put_object(Bucket=other_bucket, Key=f"incoming/allocations/foreign-{ctx.run}.csv", Body=corpus.alloc(62, corpus.arow(62)))
        sent = {}
        for m in messages:
            name = m["file"]
            text = gen_messages.get(name)
            if text is None:
                with open(os.path.join(here, "corpus", name)) as f:
                    text = f.read()
            text = text.replace("{bucket}", bucket).replace("{run}", ctx.run).replace("{other_bucket}", other_bucket)
            try:
                sqs.send_message(QueueUrl=url, MessageBody=text)
                sent[name] = ("sent", re.search(r"m-[a-z-]+", text).group(0))
            except Exception as e:
                sent[name] = ("refused: " + str(e)[:120], None)
            ctx.faults += 1
        for m in files:
            if m["file"] in uploads:
                continue
            path = os.path.join(ctx.dir, "gen-" + m["file"].replace("/", "-"))
            if not corpus.generate_big(m["file"], path):
                raise Failure(f"corpus: {m['file']} is neither committed nor generated")
            key = "incoming/" + m["file"]
            s3.upload_file(path, bucket, key)
            uploads[m["file"]] = (key, time.monotonic(), big_bound)
            os.remove(path)
        ctx.files += len(uploads)
        ctx.faults += len(uploads)

        # every file to a final status within its bound
        pending = dict(uploads)
        last = {}
        while pending:
            now = time.monotonic()
            for name, (key, t0, bound) in list(pending.items()):
                rows = ledger(db, key)
                last[name] = rows[-1] if rows else None
                if rows and rows[-1][1] in ("DONE", "REJECTED"):
                    outcomes[name] = {"status": rows[-1][1], "seconds": now - t0, "id": rows[-1][0], "attempts": rows[-1][2]}
                    del pending[name]
                elif now - t0 > bound:
                    outcomes[name] = {"status": rows[-1][1] if rows else "NO LEDGER ROW", "seconds": None,
                                      "id": rows[-1][0] if rows else None, "attempts": rows[-1][2] if rows else 0}
                    del pending[name]
            if pending:
                time.sleep(0.5)

        # the messages: the queue drained, then what reached the DLQ
        def drained():
            depth = queue_depth(sqs, env["TACT_INBOUND_QUEUE"])
            return depth == 0, f"{depth} message(s) still on the inbound queue"
        try:
            wait_for("corpus: the inbound queue drained", drained, 60, interval=1)
        except Failure as e:
            ctx.expect(False, str(e))
        dead = []
        dlq_url = queue_url(sqs, env["TACT_INBOUND_DLQ"])
        while True:
            got = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=60, WaitTimeSeconds=1).get("Messages", [])
            if not got:
                break
            dead += [g["Body"] for g in got]
        for name, (how, marker) in sent.items():
            if how != "sent":
                outcomes[name] = {"status": "REFUSED", "reason": how}
            elif any(marker in body for body in dead):
                outcomes[name] = {"status": "DEAD_LETTERED", "reason": "in the inbound DLQ"}
            else:
                outcomes[name] = {"status": "ACKNOWLEDGED", "reason": "deleted from the queue, not dead-lettered"}
        other = db.rows("select status, reason from ingestion_file where bucket = 'somebody-elses-bucket'")
        if other:
            outcomes["messages/other-bucket.json"] = {"status": other[0][0], "reason": "ledger row for another bucket: " + other[0][1]}
        foreign = db.rows(f"select status, coalesce(reason, '') from ingestion_file where bucket = {q(other_bucket)}")
        if foreign:
            outcomes["messages/other-existing-bucket.json"] = {
                "status": foreign[0][0], "reason": f"ledger row for s3://{other_bucket}: ingested from a bucket that is not the inbound bucket"}
        missing = ledger(db, f"incoming/allocations/never-uploaded-{ctx.run}.csv")
        if missing:
            outcomes["messages/missing-object.json"] = {"status": missing[0][1], "reason": missing[0][4]}
        markers = {marker for how, marker in sent.values() if marker}
        unexpected = [b[:160] for b in dead if not any(mk in b for mk in markers)]
        ctx.expect(not unexpected, f"corpus: {len(unexpected)} unexpected message(s) in the inbound DLQ: {unexpected[:5]}")
    finally:
        watch.stop()
    ctx.expect(not watch.events, f"corpus: the service was not healthy throughout ({watch.checks} checks): {watch.events[:10]}")
    ctx.expect(svc.alive() and svc.health() == "UP", f"corpus: at the end the service is {svc.health()}")
    stuck = db.rows("select object_key, status from ingestion_file where status not in ('DONE', 'REJECTED')")
    ctx.expect(not stuck, f"corpus: files neither DONE nor REJECTED: {stuck}")

    # judge each entry against the manifest
    table = []
    failed = 0
    for m in manifest:
        name = m["file"]
        o = outcomes.get(name, {"status": "NO OUTCOME"})
        reason, errors = (reasons(db, o["id"]) if o.get("id") else (o.get("reason", ""), ""))
        ok = o["status"] == m["expected"]
        if ok and m["reason"]:
            ok = re.search(m["reason"], reason + " ; " + errors, re.IGNORECASE) is not None
        if ok and m["line"]:
            ok = o.get("id") is not None and db.int(f"select count(*) from row_error where file_id = {o['id']} and line_no = {int(m['line'])}") > 0
        if ok and o.get("seconds") is None and "id" in o:
            ok = False
        if not ok:
            failed += 1
            ctx.expect(False, f"corpus: {name}: expected {m['expected']} /{m['reason']}/ line {m['line'] or '-'}, "
                              f"got {o['status']} after {o.get('attempts', '-')} attempt(s): {reason} | {errors[:300]}")
        shown = reason if reason else errors
        if errors and reason and not reason.startswith(errors[:20]):
            shown = reason + " — " + errors
        table.append((name, m["description"], m["expected"], o["status"], shown, o.get("seconds"), ok))
    write_outcomes(ctx, table)
    log(f"corpus: {len(table) - failed} of {len(table)} entries as declared; OUTCOMES.md written")


def write_outcomes(ctx, table):
    def cell(s, n=160):
        s = " ".join(str(s).split()).replace("|", "\\|")
        return s if len(s) <= n else s[:n - 1] + "…"
    lines = ["# Hostile corpus: outcomes", "",
             "Generated by `./tact reliability` (scenario corpus) from `reliability/corpus/manifest.csv`; do not edit by hand.",
             f"Run {ctx.run}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
             "Files are uploaded under `incoming/<file>`; messages are sent to the inbound queue as they are.", "",
             "| file | what it is | expected | outcome | seconds | reason (ledger; located row errors) | as declared |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, what, expected, status, reason, seconds, ok in table:
        secs = "" if seconds is None else f"{seconds:.1f}"
        lines.append(f"| `{name}` | {cell(what, 90)} | {expected} | {status} | {secs} | {cell(reason)} | {'yes' if ok else '**no**'} |")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "OUTCOMES.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------------- scale

def upload_batch(ctx, s3, bucket, specs):
    """specs: (key, kind, prefix, buckets, rows); writes each file to the run folder and uploads it."""
    for key, kind, prefix, buckets, rows in specs:
        path = os.path.join(ctx.dir, "upload.csv")
        if kind == "allocations":
            write_allocations(path, rows, prefix, buckets)
        else:
            write_attributes(path, prefix, buckets)
        s3.upload_file(path, bucket, key)
        ctx.files += 1


def file_specs(ctx, tag, count, buckets, alloc_rows):
    """Half allocations files (their events go to both partners), half bucket-attributes (vendor-b only); every
    file has buckets of its own, so that no event waits for another file's event of the same bucket."""
    specs = []
    for i in range(count):
        prefix = f"{tag}{ctx.run.upper()}-F{i}-"
        if i % 2 == 0:
            specs.append((f"incoming/allocations/{tag.lower()}-{ctx.run}-{i}.csv", "allocations", prefix, buckets, alloc_rows))
        else:
            specs.append((f"incoming/bucket-attributes/{tag.lower()}-{ctx.run}-{i}.csv", "attributes", prefix, buckets, 2 * buckets))
    return specs


def expected_deliveries(specs, keys=None):
    custodian = sum(b for k, kind, _, b, _ in specs if kind == "allocations" and (keys is None or k in keys))
    vendor = sum(b for k, _, _, b, _ in specs if keys is None or k in keys)
    return {"custodian-a": custodian, "vendor-b": vendor}


def check_files_applied(ctx, db, specs, scenario, expect_status=None):
    """Every file's ledger row once, with its rows applied and one change event per bucket."""
    for key, kind, _, buckets, rows in specs:
        want = (expect_status or {}).get(key, "DONE")
        r = ledger(db, key)
        if not ctx.expect(len(r) == 1 and r[0][1] == want, f"{scenario}: {key}: ledger {r}, expected one row {want}"):
            ctx.lost += 1
            continue
        if want != "DONE":
            continue
        ctx.expect(int(r[0][3]) == rows, f"{scenario}: {key}: rows_applied {r[0][3]}, expected {rows}")
        ev = db.rows(f"""select count(*), count(distinct aggregate_id) from outbox_event
                          where event_type in ('AllocationsChanged', 'BucketAttributesChanged') and payload ->> 'fileId' = {q(r[0][0])}""")[0]
        ctx.expect(int(ev[0]) == buckets == int(ev[1]), f"{scenario}: {key}: {ev[0]} change events for {ev[1]} buckets, expected {buckets}")
        ctx.duplicated += max(0, int(ev[0]) - int(ev[1]))
        ctx.lost += max(0, buckets - int(ev[1]))


def wait_deliveries(ctx, db, sqs, env, expected, timeout, scenario):
    """Waits until the mock partner accepted what was expected and nothing is left in flight anywhere (outbox,
    partner queues, delivery ledger), then judges: exactly once per event and partner."""
    def probe():
        stats = {p: mock_stats(ctx, p) for p in expected}
        pending = db.int("select count(*) from outbox_event where published_at is null")
        open_deliveries = db.int("select count(*) from delivery where status <> 'DELIVERED'")
        depth = sum(queue_depth(sqs, env[v]) for v in ("TACT_OUTBOUND_CUSTODIAN_A_QUEUE", "TACT_OUTBOUND_VENDOR_B_QUEUE"))
        seen = {p: f"{s['accepted']}/{expected[p]} accepted, {s['duplicates']} dup" for p, s in stats.items()}
        done = all(stats[p]["accepted"] >= expected[p] for p in expected) and pending == 0 and open_deliveries == 0 and depth == 0
        return done, f"{seen}; outbox unpublished {pending}; deliveries not DELIVERED {open_deliveries}; partner queues {depth}"
    t0 = time.monotonic()
    try:
        seen = wait_for(f"{scenario}: every event delivered", probe, timeout, interval=1)
        log(f"{scenario}: deliveries complete in {time.monotonic() - t0:.0f} s: {seen}")
    except Failure as e:
        ctx.expect(False, str(e))
    for partner, want in expected.items():
        s = mock_stats(ctx, partner)
        delivered = db.int(f"select count(*) from delivery where partner = {q(partner)} and status = 'DELIVERED'")
        ctx.expect(s["accepted"] == want, f"{scenario}: {partner} accepted {s['accepted']}, expected {want}")
        ctx.expect(s["duplicates"] == 0, f"{scenario}: {partner} received {s['duplicates']} duplicate(s)")
        ctx.expect(delivered == want, f"{scenario}: {delivered} deliveries DELIVERED for {partner}, expected {want}")
        ctx.duplicated += s["duplicates"]
        ctx.lost += max(0, want - s["accepted"])
        ctx.events += min(want, s["accepted"])


def scenario_scale(ctx):
    count, buckets = (10, 20) if ctx.small else (50, 100)
    env = ctx.env("scale")
    db, s3, sqs = Db(ctx.pg_bin, env), aws(env, "s3"), aws(env, "sqs")
    mock_reset(ctx)
    senv = service_env(ctx, env)
    inbound = [Service(ctx.procs, f"scale-inbound-{i}", "inbound-service", senv) for i in (1, 2, 3)]
    outbound = [Service(ctx.procs, f"scale-outbound-{i}", "outbound-service", senv) for i in (1, 2, 3)]
    t0 = time.monotonic()
    start_all(inbound[:1] + outbound[:1], 300)  # the first of each migrates the schema alone
    start_all(inbound[1:] + outbound[1:], 300)
    log(f"scale: 3 inbound + 3 outbound instances up in {time.monotonic() - t0:.0f} s")
    specs = file_specs(ctx, "S", count, buckets, 4 * buckets)
    expected = expected_deliveries(specs)
    t0 = time.monotonic()
    upload_batch(ctx, s3, env["TACT_INBOUND_BUCKET"], specs)

    def all_final():
        st = db.rows("select status, count(*) from ingestion_file group by status")
        final = sum(int(n) for s, n in st if s in ("DONE", "REJECTED"))
        return final >= count, st
    wait_for("scale: every file DONE or REJECTED", all_final, 300, interval=1)
    log(f"scale: {count} files final in {time.monotonic() - t0:.0f} s; {sum(expected.values())} deliveries expected "
        f"({count * buckets} events)")
    check_files_applied(ctx, db, specs, "scale")
    wait_deliveries(ctx, db, sqs, env, expected, 600, "scale")
    log(f"scale: files uploaded to every delivery made in {time.monotonic() - t0:.0f} s")
    for s in inbound + outbound:
        ctx.expect(s.alive(), f"scale: {s.name} is not alive at the end")
    check_dlqs_empty(ctx, env, sqs, "scale")


# ---------------------------------------------------------------------------------------------------- faults

def outage_window(ctx, partner):
    """(calls answered 503, seconds from the first of them to the first call answered 200 after it), from the
    mock partner's history: how long the partner was down as the dispatcher saw it."""
    from datetime import datetime
    calls, after = [], 0
    while True:
        page = http_json(f"{ctx.mock}/mock/partners/{partner}/received?after={after}&limit=5000", timeout=30)
        if not page["items"]:
            break
        for item in page["items"]:
            at = item["receivedAt"]
            calls.append((float(at) if isinstance(at, (int, float))
                          else datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp(), item["answeredStatus"]))
        after = page["items"][-1]["n"]
    failed = [t for t, status in calls if status == 503]
    if not failed:
        return 0, 0.0
    recovered = [t for t, status in calls if status == 200 and t > failed[0]]
    return len(failed), (min(recovered) if recovered else max(failed)) - failed[0]


def write_rejected(path, prefix):
    """An allocations file whose rows are all invalid: REJECTED, with a FileRejected event and so an alert."""
    with open(path, "w") as f:
        f.write(ALLOC_HEADER)
        for i in range(5):
            f.write(f"{prefix}{i},S{i:09d},not-a-weight,2026-11-25,CUSTODIAN,USD,EQUITY\n")


def scenario_faults(ctx):
    # big enough that the faults land in the middle of a file even on an idle machine (200,000 rows once ended
    # before the restart could be made)
    big_rows = 50_000 if ctx.small else 400_000
    count, buckets = (4, 10) if ctx.small else (10, 50)
    env = ctx.env("faults")
    db, s3, sqs = Db(ctx.pg_bin, env), aws(env, "s3"), aws(env, "sqs")
    bucket = env["TACT_INBOUND_BUCKET"]
    moto_port = int(env["AWS_ENDPOINT_URL"].rsplit(":", 1)[1])
    proxy = TcpProxy(moto_port)
    pg = Postgres(ctx.pg_bin, ctx.pgdata)
    mock_reset(ctx)
    senv = service_env(ctx, env, proxy.url)  # the services reach the emulator only through the proxy
    inbound = Service(ctx.procs, "faults-inbound", "inbound-service", senv,
                      ["--tact.inbound.claim.lease=10s", "--tact.inbound.claim.heartbeat=2s",
                       "--tact.inbound.claim.visibility-timeout=15s", "--tact.inbound.claim.retry-backoff=2s"])
    outbound = Service(ctx.procs, "faults-outbound", "outbound-service", senv)
    alerting = Service(ctx.procs, "faults-alerting", "alerting-service", senv)
    t0 = time.monotonic()
    start_all([inbound])  # migrates the schema alone
    start_all([outbound, alerting])
    log(f"faults: inbound, outbound and alerting up in {time.monotonic() - t0:.0f} s")
    for partner in ("custodian-a", "vendor-b"):
        # the partner's outage starts with the first call it receives and lasts 60 s
        http_json(f"{ctx.mock}/mock/partners/{partner}/script", method="PUT", body={"steps": [{"status": 503, "forMillis": 60000}]})
    ctx.faults += 2

    specs, rejected = [], []
    big_key = f"incoming/allocations/big-{ctx.run}.csv"
    specs.append((big_key, "allocations", f"G{ctx.run.upper()}-", 100, big_rows))

    def batch(tag, n):
        out = file_specs(ctx, tag, n, buckets, 4 * buckets)
        key = f"incoming/allocations/{tag.lower()}-rejected-{ctx.run}.csv"
        path = os.path.join(ctx.dir, "rejected.csv")
        write_rejected(path, f"{tag}{ctx.run.upper()}-R-")
        s3.upload_file(path, bucket, key)
        ctx.files += 1
        rejected.append(key)
        upload_batch(ctx, s3, bucket, out)
        specs.extend(out)

    # 1. Postgres restarted in the middle of the big file
    upload_batch(ctx, s3, bucket, specs[:1])

    def copying():
        r = ledger(db, big_key)
        active = db.int("select count(*) from pg_stat_activity where query like 'copy ingest_stage%' and state = 'active'")
        final = bool(r) and r[0][1] in ("DONE", "REJECTED")
        # claimed is in the middle: the restart drops the attempt's connection whether it is parsing or copying
        return final or (bool(r) and r[0][1] == "PROCESSING"), (r, active)
    seen = wait_for("faults: the big file being copied", copying, 120, interval=0.05)
    if seen[0][0][1] != "PROCESSING":
        raise Failure(f"faults: the big file ended before Postgres could be restarted in its middle: {seen}")
    time.sleep(random.Random(ctx.seed).uniform(0.0, 0.2))  # a random point in the copy (the fault, not a wait)
    t1 = time.monotonic()
    pg.restart_fast()
    ctx.faults += 1
    log(f"faults: Postgres restarted (-m fast) in the middle of {big_key} ({time.monotonic() - t1:.1f} s)")
    batch("A", count)

    # 2. the emulator unreachable for 30 s while a file is read, events wait for dispatch and alerts for SNS
    def alerting_and_failing():
        alerts = db.int("select count(*) from alert")
        status = {p: mock_stats(ctx, p)["byStatus"] for p in ("custodian-a", "vendor-b")}
        failing = all(st.get("503", 0) > 0 for st in status.values())
        return alerts > 0 and failing, (f"alerts {alerts}", status)
    wait_for("faults: an alert raised and the partners answering 503", alerting_and_failing, 180, interval=0.5)
    medium_key = f"incoming/allocations/medium-{ctx.run}.csv"
    medium = (medium_key, "allocations", f"M{ctx.run.upper()}-", 50, big_rows // 2)
    upload_batch(ctx, s3, bucket, [medium])
    specs.append(medium)

    def reading():
        r = ledger(db, medium_key)
        unpublished = db.int("select count(*) from outbox_event where published_at is null")
        status = {p: mock_stats(ctx, p)["byStatus"] for p in ("custodian-a", "vendor-b")}
        return bool(r) and r[0][1] != "FAILED", (r, f"unpublished {unpublished}", status)
    seen = wait_for("faults: the medium file claimed", reading, 120, interval=0.05)
    if seen[0][0][1] != "PROCESSING":
        raise Failure(f"faults: the medium file ended before the emulator could be cut off in its middle: {seen}")
    proxy.cut()
    ctx.faults += 1
    log(f"faults: emulator cut off for 30 s; at the cut: {seen}")
    batch("C", count)  # arrives while the services cannot reach the emulator
    time.sleep(30)  # the outage's length (the fault itself, not a wait for anything)
    proxy.restore()
    log("faults: emulator reachable again")

    # 3. everything completes
    statuses = {k: "REJECTED" for k in rejected}
    keys = [s[0] for s in specs] + rejected

    def all_final():
        st = db.rows("select status, count(*) from ingestion_file group by status")
        final = sum(int(n) for s, n in st if s in ("DONE", "REJECTED"))
        return final >= len(keys), st
    try:
        wait_for("faults: every file DONE or REJECTED after recovery", all_final, 300, interval=1)
    except Failure as e:
        ctx.expect(False, str(e))
    check_files_applied(ctx, db, specs, "faults", statuses)
    big, med = ledger(db, big_key), ledger(db, medium_key)
    log(f"faults: the file hit by the Postgres restart: {big[0][1]} after {big[0][2]} attempt(s); "
        f"the file read across the cut: {med[0][1]} after {med[0][2]} attempt(s)")
    ctx.expect(int(big[0][2]) >= 2, f"faults: the Postgres restart did not fail the attempt it hit: {big}")
    for key in rejected:
        r = ledger(db, key)
        ctx.expect(len(r) == 1 and r[0][1] == "REJECTED", f"faults: {key}: ledger {r}, expected one row REJECTED")
    expected = expected_deliveries(specs)
    wait_deliveries(ctx, db, sqs, env, expected, 420, "faults")
    for partner in expected:
        window = outage_window(ctx, partner)
        log(f"faults: {partner} down {window[1]:.0f} s (first 503 to the first 200 after it), {window[0]} calls answered 503; "
            f"by status {mock_stats(ctx, partner)['byStatus']}")
        ctx.expect(window[1] >= 59, f"faults: {partner} was down for {window[1]:.0f} s only, expected 60 s")

    def alerts_out():
        rows = db.rows(f"""select k.key, a.state from unnest(array[{', '.join(q('file-rejected:' + bucket + '/' + k) for k in rejected)}]) k(key)
                           left join alert a on a.dedup_key = k.key""")
        waiting = db.int("select count(*) from alert where state in ('STORED', 'FAILED')")
        done = all(state in ("PUBLISHED", "OFFLOADED") for _, state in rows) and waiting == 0
        return done, (rows, f"{waiting} alert(s) STORED or FAILED")
    try:
        wait_for("faults: an alert published for every rejected file", alerts_out, 180, interval=1)
    except Failure as e:
        ctx.expect(False, str(e))
        ctx.lost += len(rejected) - db.int(f"select count(*) from alert where state in ('PUBLISHED', 'OFFLOADED') and dedup_key like 'file-rejected:%'")
    per_key = db.rows("select dedup_key, count(*) from alert where dedup_key like 'file-rejected:%' group by 1 having count(*) > 1")
    ctx.expect(not per_key, f"faults: rejected files alerted more than once: {per_key}")
    ctx.duplicated += sum(int(n) - 1 for _, n in per_key)
    by_state = db.rows("select state, count(*) from alert group by state order by 1")
    ctx.alerts += db.int("select count(*) from alert where state in ('PUBLISHED', 'OFFLOADED')")
    log(f"faults: alerts by state {by_state}")
    for s in (inbound, outbound, alerting):
        ctx.expect(s.alive() and s.health() == "UP", f"faults: {s.name} is {s.health()} at the end")
    check_dlqs_empty(ctx, env, sqs, "faults")
    proxy.cut()
