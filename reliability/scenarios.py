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
    svc = Service(ctx.procs, "kill-inbound", "inbound-service", service_env(ctx, env), FAST_CLAIM)
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
        # the fault's random point in the file (a delay chosen at random, not a synchronisation)
        delay = rng.uniform(0.0, 0.9) * clean_seconds
        time.sleep(delay)
        status = ledger(db, key)[0][1]
        svc.kill9()
        ctx.faults += 1
        landed += status == "PROCESSING"
        log(f"kill {attempt}: SIGKILL {delay:.2f} s into attempt {attempt} (ledger said {status})")
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
        sent = {}
        for m in messages:
            name = m["file"]
            text = gen_messages.get(name)
            if text is None:
                with open(os.path.join(here, "corpus", name)) as f:
                    text = f.read()
            text = text.replace("{bucket}", bucket).replace("{run}", ctx.run)
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
