"""Reading the env file that ./tact writes (.local/env), and running SQL against the Postgres it names.

Shared by cloud/demo.py, cloud/console_e2e.py and the benchmark scripts.
"""
import base64
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def read_env(path):
    """KEY=value lines of the env file; comments and blank lines skipped."""
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                env[k] = v
    return env


def psql_args(env):
    """psql connection arguments for the env's TACT_JDBC_URL (jdbc:postgresql://host:port/db)."""
    hostport, db = env["TACT_JDBC_URL"].replace("jdbc:postgresql://", "").split("/", 1)
    host, port = hostport.split(":")
    return ["-h", host, "-p", port, "-U", env.get("TACT_DB_USER", "tact"), "-d", db.split("?", 1)[0]]


def psql(env, sql, table=True):
    """Runs sql with psql: as a printed table, or (table=False) the bare value; None/stderr on failure."""
    options = ["-P", "pager=off", "-c", sql] if table else ["-tAq", "-c", sql]
    out = subprocess.run(["psql", *psql_args(env), *options], capture_output=True, text=True)
    if out.returncode != 0:
        return out.stderr if table else None
    return out.stdout if table else out.stdout.strip()


TOKENS = {}


def access_token(env, role="viewer", seconds=120):
    """An access token of the local identity provider (the CIAM simulator) for the client of a role, cached until
    shortly before it expires; waits for the provider while the stack starts."""
    cached = TOKENS.get(role)
    if cached and cached[1] > time.time() + 30:
        return cached[0]
    form = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
    basic = base64.b64encode(f"tact-{role}:{env['TACT_DEV_PASSWORD']}".encode()).decode()
    deadline = time.time() + seconds
    while True:
        request = urllib.request.Request(env["TACT_OIDC_ISSUER"] + "/oauth2/token", data=form)
        request.add_header("Authorization", "Basic " + basic)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                token = json.loads(response.read())
            TOKENS[role] = (token["access_token"], time.time() + int(token.get("expires_in", 60)))
            return token["access_token"]
        except (urllib.error.URLError, OSError) as e:
            if time.time() > deadline:
                sys.exit(f"no token from the identity provider at {env['TACT_OIDC_ISSUER']} after {seconds} s: {e}")
            time.sleep(1)
