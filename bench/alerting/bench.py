#!/usr/bin/env python3
"""Alerting benchmark: alerts per second published end to end (REST -> Postgres outbox -> SNS -> an SQS
subscriber), for small and 1 MiB bodies, and the time to drain alerts queued while SNS was unreachable.

It starts the packaged alerting-service and the identity provider (the CIAM simulator, on a free port; the
service's API takes its bearer tokens) itself against the local cloud of an env file, with SNS reached through a
TCP proxy of this script (the "firewall" it cuts and restores), and prints the figures with the command that
produced them.

usage (from the repository root): bench/alerting/run.sh (a fresh stack of its own), or by hand
  ./tact cloud >/dev/null && mvn -q -pl alerting-service,ciam-simulator -am -DskipTests package
  .local/venv/bin/python bench/alerting/bench.py [--small 500] [--large 40] [--outage 1000]
"""
import argparse
import datetime
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "cloud"))
from localenv import access_token, read_env  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proxy:
    """Forwards a local port to the emulator; cut() refuses connections and drops open ones."""

    def __init__(self, target_port):
        self.port = free_port()
        self.target_port = target_port
        self.server = None
        self.conns = set()
        self.lock = threading.Lock()
        self.restore()

    def restore(self):
        with self.lock:
            if self.server:
                return
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", self.port))
            s.listen(128)
            self.server = s
            threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def cut(self):
        with self.lock:
            if self.server:
                self.server.close()
                self.server = None
            for c in list(self.conns):
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.conns.clear()

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.conns.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, a, b):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass
            self.conns.discard(a)
            self.conns.discard(b)


class Api:
    def __init__(self, base, env):
        self.base = base
        self.env = env

    def post(self, alert):
        # raising an alert is an operator's act; the token is cached until shortly before it expires
        auth = "Bearer " + access_token(self.env, "operator")
        req = urllib.request.Request(self.base + "/api/alerts", data=json.dumps(alert).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": auth})
        with urllib.request.urlopen(req, timeout=60) as r:
            assert r.status == 202, r.status

    def healthy(self):
        try:
            with urllib.request.urlopen(self.base + "/actuator/health", timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False


def subscriber(sns, sqs, topic_name, source):
    url = sqs.create_queue(QueueName="bench-" + uuid.uuid4().hex[:12])["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    topic = sns.create_topic(Name=topic_name)["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn,
                  Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"source": [source]})})
    return url


def receive(sqs, url, expected, timeout):
    """Counts distinct alert ids arriving on the queue; returns the time the last one arrived."""
    seen, deadline = set(), time.time() + timeout
    while len(seen) < expected and time.time() < deadline:
        msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                   MessageAttributeNames=["All"]).get("Messages", [])
        if msgs:
            sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                                             for i, m in enumerate(msgs)])
        for m in msgs:
            seen.add(m["MessageAttributes"]["alertId"]["StringValue"])
    if len(seen) < expected:
        raise SystemExit(f"only {len(seen)} of {expected} alerts arrived within {timeout} s")
    return time.time()


def raise_all(api, source, n, body, threads):
    alerts = [{"severity": "INFO", "source": source, "dedupKey": f"{source}-{i}", "title": f"bench {i}", "body": body}
              for i in range(n)]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(api.post, alerts))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env-file", default=os.path.join(ROOT, ".local/run/env"))
    p.add_argument("--jar", default=os.path.join(ROOT, "alerting-service/target/alerting-service.jar"))
    p.add_argument("--ciam-jar", default=os.path.join(ROOT, "ciam-simulator/target/ciam-simulator.jar"))
    p.add_argument("--emulator", default=os.environ.get("TACT_EMULATOR", "moto"), help="the emulator's name, for the output")
    p.add_argument("--small", type=int, default=500)
    p.add_argument("--large", type=int, default=40)
    p.add_argument("--outage", type=int, default=1000)
    p.add_argument("--threads", type=int, default=8)
    args = p.parse_args()

    env = read_env(args.env_file)
    moto_port = int(env["AWS_ENDPOINT_URL"].rsplit(":", 1)[1])
    kw = dict(endpoint_url=env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
              aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    sns, sqs = boto3.client("sns", **kw), boto3.client("sqs", **kw)
    topic_name = f"{env['TACT_ENV']}-alerting-info"

    proxy = Proxy(moto_port)
    port = free_port()
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
    # the identity provider on a port of its own: its issuer is the one the service trusts and the tokens come from
    ciam_port = free_port()
    env["TACT_OIDC_ISSUER"] = f"http://127.0.0.1:{ciam_port}"
    env.setdefault("TACT_DEV_PASSWORD", "local-dev-only")
    ciam = subprocess.Popen([java, "-Xmx128m", "-jar", args.ciam_jar],
                            env={**os.environ, "CIAM_PORT": str(ciam_port), "TACT_OIDC_ISSUER": env["TACT_OIDC_ISSUER"],
                                 "TACT_DEV_PASSWORD": env["TACT_DEV_PASSWORD"]},
                            stdout=open(os.path.join(ROOT, ".local/bench-alerting-ciam.log"), "w"), stderr=subprocess.STDOUT)
    log = open(os.path.join(ROOT, ".local/bench-alerting.log"), "w")
    service = subprocess.Popen([java, "-Xmx512m", "-jar", args.jar, "--spring.profiles.active=local",
                                f"--server.port={port}", f"--tact.alerting.sns-endpoint={proxy_url(proxy)}",
                                "--tact.alerting.events.enabled=false", "--tact.alerting.dedup.group-wait=0s",
                                "--tact.alerting.outbox.rate-per-minute=1000000", "--tact.alerting.outbox.batch-size=500",
                                "--tact.alerting.outbox.poll-interval=50ms", "--tact.alerting.outbox.initial-backoff=200ms",
                                "--tact.alerting.outbox.max-backoff=2s", "--logging.level.com.tact=WARN",
                                "--logging.level.software.amazon.payloadoffloading=WARN"],
                               env={**os.environ, **env, "OTEL_TRACES_EXPORTER": "none"}, stdout=log, stderr=subprocess.STDOUT)
    try:
        api = Api(f"http://127.0.0.1:{port}", env)
        deadline = time.time() + 180
        while not api.healthy():
            if service.poll() is not None or time.time() > deadline:
                raise SystemExit("alerting-service did not start; see .local/bench-alerting.log")
            time.sleep(0.5)

        results, rows = [], []
        for label, n, body in [("small (200 B)", args.small, "x" * 200),
                               ("1 MiB (offloaded to S3)", args.large, "y" * (1024 * 1024))]:
            source = "bench-" + uuid.uuid4().hex[:8]
            queue = subscriber(sns, sqs, topic_name, source)
            start = time.time()
            raise_all(api, source, n, body, args.threads)
            accepted = time.time()
            end = receive(sqs, queue, n, 600)
            results.append(f"{label:26} {n:5d} alerts: {n / (end - start):7.1f} alerts/s end to end "
                           f"(REST intake {n / (accepted - start):7.1f}/s)")
            rows.append([f"alerts end to end, {label}", f"{n / (end - start):.1f} alerts/s",
                         f"{n / (accepted - start):.1f}/s REST intake", f"{(accepted - start) / (end - start):.2f}"])

        source = "bench-" + uuid.uuid4().hex[:8]
        queue = subscriber(sns, sqs, topic_name, source)
        proxy.cut()
        raise_all(api, source, args.outage, "z" * 200, args.threads)
        time.sleep(3)  # the relay has met the cut path and is backing off, as in a real outage
        restored = time.time()
        proxy.restore()
        end = receive(sqs, queue, args.outage, 900)
        results.append(f"outage: {args.outage} alerts queued while SNS was unreachable, drained "
                       f"{end - restored:.1f} s after the path was restored ({args.outage / (end - restored):.1f} alerts/s)")
        rows.append(["alert drain after an SNS outage", f"{args.outage} alerts in {end - restored:.1f} s", "-", "-"])

        print("command: " + " ".join(shlex.quote(a) for a in [os.path.relpath(sys.executable, ROOT)] + sys.argv))
        print(f"machine: {os.cpu_count()} CPUs (shared), {args.emulator} and Postgres local; one topic, one relay")
        for line in results:
            print(line)
        if os.environ.get("BENCH_RESULTS"):
            with open(os.environ["BENCH_RESULTS"], "a") as f:
                for row in rows:
                    f.write("\t".join(row + [args.emulator, datetime.date.today().isoformat()]) + "\n")
    finally:
        service.terminate()
        service.wait(30)
        ciam.terminate()
        ciam.wait(30)
        proxy.cut()


def proxy_url(proxy):
    return f"http://127.0.0.1:{proxy.port}"


if __name__ == "__main__":
    main()
