"""The parts a scenario drives: service jars as processes, a TCP proxy in front of the emulator, the Postgres
server, SQL through psql, and waits that poll with a deadline and say what they last saw.

Nothing here sleeps to synchronise: every wait is a poll of the real state (ledger rows, HTTP, queue counts)
bounded by a deadline; a deadline that passes raises Failure with the last observation.
"""
import json
import os
import random
import signal
import socket
import subprocess
import threading
import time
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Failure(Exception):
    """An expectation of the suite that did not hold."""


def log(msg):
    print(f"[reliability {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, probe, timeout, interval=0.25):
    """Polls probe() -> (done, seen) until done; raises Failure with the last `seen` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    seen = None
    while True:
        try:
            done, seen = probe()
        except Failure:
            raise
        except Exception as e:  # the probe's own failure is an observation, not the end of the wait
            done, seen = False, f"probe failed: {e!r}"[:500]
        if done:
            return seen
        if time.monotonic() > deadline:
            raise Failure(f"{what}: not within {timeout:.0f} s; last saw: {seen}")
        time.sleep(interval)


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                env[k] = v
    return env


class Db:
    """SQL through psql against the env's database (the suite needs no driver of its own)."""

    def __init__(self, pg_bin, env):
        hostport, db = env["TACT_JDBC_URL"].replace("jdbc:postgresql://", "").split("/", 1)
        host, port = hostport.split(":")
        self.args = [os.path.join(pg_bin, "psql"), "-h", host, "-p", port, "-U", env.get("TACT_DB_USER", "tact"),
                     "-d", db.split("?", 1)[0], "-X", "-v", "ON_ERROR_STOP=1", "-tAq", "-F", "\x1f", "-R", "\x1e"]

    def rows(self, sql):
        out = subprocess.run(self.args + ["-c", sql], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr.strip()[:300]}")
        # unit and record separators: values may hold tabs and newlines
        return [record.split("\x1f") for record in out.stdout.rstrip("\n").split("\x1e") if record != ""]

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None

    def int(self, sql):
        v = self.value(sql)
        return int(v) if v not in (None, "") else 0


def http_json(url, method="GET", body=None, timeout=10):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def aws(env, service, endpoint=None):
    return boto3.client(service, endpoint_url=endpoint or env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
                        aws_access_key_id="reliability", aws_secret_access_key="reliability",
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3},
                                      connect_timeout=5, read_timeout=60))


class Processes:
    """The JVMs of a run. Each gets a pid file in the run folder, so that `./tact`'s trap stops it whatever
    happens to this script, and a log file there."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.running = {}

    def start(self, name, jar, env, args=(), heap="256m"):
        log_path = os.path.join(self.ctx.dir, f"{name}.log")
        proc_env = dict(os.environ, **env)
        # the heap of ./tact up, the OutOfMemoryError policy of docker/Dockerfile; C1 only, because eleven JVM
        # starts on two shared cores dominate the kill scenario's time
        cmd = [self.ctx.java, f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-jar", jar, *args]
        with open(log_path, "a") as out:
            out.write(f"\n==== start {time.strftime('%H:%M:%S')}: {' '.join(cmd)}\n")
            out.flush()
            proc = subprocess.Popen(cmd, env=proc_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        with open(os.path.join(self.ctx.dir, f"{name}.pid"), "w") as f:
            f.write(str(proc.pid))
        self.running[name] = proc
        return proc

    def kill9(self, name):
        proc = self.running.pop(name)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        self._forget(name)

    def stop(self, name, grace=20):
        proc = self.running.pop(name, None)
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)
        self._forget(name)

    def stop_all(self):
        self.stop_all_but(None)

    def stop_all_but(self, keep, grace=20):
        """SIGTERM to every instance at once, then SIGKILL what has not exited after `grace` seconds."""
        names = [n for n in self.running if n != keep]
        for name in names:
            if self.running[name].poll() is None:
                self.running[name].terminate()
        deadline = time.monotonic() + grace
        for name in names:
            proc = self.running.pop(name)
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop within {grace} s of SIGTERM: killed")
                proc.kill()
                proc.wait(timeout=30)
            self._forget(name)

    def alive(self, name):
        proc = self.running.get(name)
        return proc is not None and proc.poll() is None

    def _forget(self, name):
        try:
            os.remove(os.path.join(self.ctx.dir, f"{name}.pid"))
        except FileNotFoundError:
            pass


class Service:
    """One instance of a service jar on a port of its own."""

    def __init__(self, procs, name, module, env, extra_args=(), heap="256m"):
        self.procs = procs
        self.name = name
        self.module = module
        self.env = env
        self.extra_args = list(extra_args)
        self.heap = heap
        self.port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.port = free_port()
        jar = os.path.join(ROOT, self.module, "target", f"{self.module}.jar")
        self.procs.start(self.name, jar, self.env,
                         ["--spring.profiles.active=local", f"--server.port={self.port}",
                          "--logging.level.root=WARN", "--logging.level.com.tact=INFO", *self.extra_args], self.heap)
        return self

    def alive(self):
        return self.procs.alive(self.name)

    def health(self):
        try:
            return http_json(self.url + "/actuator/health", timeout=5).get("status")
        except Exception as e:
            return f"unreachable ({type(e).__name__})"

    def wait_up(self, timeout=180):
        def probe():
            if not self.alive():
                raise Failure(f"{self.name} exited while starting; see {self.name}.log")
            status = self.health()
            return status == "UP", status
        wait_for(f"{self.name} health UP", probe, timeout, interval=0.5)
        return self

    def kill9(self):
        self.procs.kill9(self.name)

    def stop(self):
        self.procs.stop(self.name)


class TcpProxy:
    """The network path between the services and the emulator, as a test can cut it: while cut, the port refuses
    connections and every open connection is dropped; restored, it forwards again on the same port. The emulator
    keeps its state in memory, so it is never stopped itself."""

    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.server = None
        self.open = set()
        self.lock = threading.Lock()
        self.restore()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def restore(self):
        with self.lock:
            if self.server is not None:
                return
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", self.port))
            s.listen(256)
            self.server = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def cut(self):
        with self.lock:
            if self.server is not None:
                try:
                    self.server.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.server.close()
                self.server = None
            for c in list(self.open):
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.open.clear()

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.server is not server:  # cut meanwhile
                    client.close()
                    upstream.close()
                    return
                self.open.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            with self.lock:
                self.open.discard(src)
                self.open.discard(dst)


class Postgres:
    """The run's Postgres server (started by ./tact); restarted in place with pg_ctl, as root through runuser."""

    def __init__(self, pg_bin, pgdata):
        self.pg_bin = pg_bin
        self.pgdata = pgdata

    def _pg_ctl(self, *args):
        cmd = [os.path.join(self.pg_bin, "pg_ctl"), "-D", self.pgdata, *args]
        if os.getuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise Failure(f"pg_ctl {' '.join(args)} failed: {out.stderr.strip() or out.stdout.strip()}")

    def restart_fast(self):
        # options come back from postmaster.opts; the log goes where ./tact sends it
        self._pg_ctl("restart", "-m", "fast", "-w", "-t", "60", "-l", os.path.join(self.pgdata, "server.log"))


def shuffled(items, seed):
    items = list(items)
    random.Random(seed).shuffle(items)
    return items
