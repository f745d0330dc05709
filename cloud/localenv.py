"""Reading the env file that ./tact writes (.local/env), and running SQL against the Postgres it names.

Shared by cloud/demo.py and the benchmark scripts.
"""
import subprocess


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
