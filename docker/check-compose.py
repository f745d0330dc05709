#!/usr/bin/env python3
"""Checks docker-compose.yml without a Docker engine.

1. The names in the services' environment equal those of cloud/resources.json for TACT_ENV
   (compose cannot read the JSON, so this keeps the two from drifting apart).
2. The compose file itself: `docker compose config -q`, else `docker-compose config -q`, else only the
   YAML parse above; with --schema FILE (the compose-spec JSON schema) and the jsonschema package it is
   also validated against the specification.

usage: docker/check-compose.py [--schema compose-spec.json]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def expected(env):
    with open(os.path.join(ROOT, "cloud", "resources.json")) as f:
        n = json.loads(f.read().replace("{env}", env))
    return {
        "AWS_REGION": n["region"],
        "TACT_INBOUND_BUCKET": n["inbound"]["bucket"],
        "TACT_INBOUND_PREFIX": n["inbound"]["notificationPrefix"],
        "TACT_INBOUND_QUEUE": n["inbound"]["queue"],
        "TACT_INBOUND_DLQ": n["inbound"]["dlq"],
        "TACT_EVENT_BUS": n["events"]["bus"],
        "TACT_ALERT_PAYLOAD_BUCKET": n["alerting"]["payloadBucket"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", help="compose-spec JSON schema to validate against")
    args = parser.parse_args()
    path = os.path.join(ROOT, "docker-compose.yml")
    with open(path) as f:
        doc = yaml.safe_load(f)
    problems = []

    for name, svc in doc["services"].items():
        env = svc.get("environment") or {}
        if not isinstance(env, dict) or "TACT_INBOUND_BUCKET" not in env:
            continue
        for key, value in expected(env.get("TACT_ENV", "local")).items():
            if str(env.get(key)) != value:
                problems.append(f"{name}: {key}={env.get(key)!r}, resources.json says {value!r}")
    print(f"[compose] names against resources.json: {'ok' if not problems else 'MISMATCH'}")

    if args.schema:
        import jsonschema
        with open(args.schema) as f:
            schema = json.load(f)
        # the compose-spec schema is draft-07 (its $schema URL lacks the '#' jsonschema looks up)
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
        problems += [f"schema: {list(e.path)}: {e.message}" for e in errors]
        print(f"[compose] compose-spec schema: {'ok' if not errors else 'INVALID'}")

    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        cmd = ["docker", "compose", "-f", path, "config", "-q"]
    elif shutil.which("docker-compose"):
        cmd = ["docker-compose", "-f", path, "config", "-q"]
    else:
        cmd = None
    if cmd:
        result = subprocess.run(cmd, capture_output=True, text=True)
        tool = "docker compose" if cmd[0] == "docker" else "docker-compose"
        print(f"[compose] {tool} config -q: {'ok' if result.returncode == 0 else 'INVALID'}")
        if result.returncode != 0:
            problems.append(result.stderr.strip())
    else:
        print("[compose] no compose client: checked the YAML parse only")

    for p in problems:
        print("  " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
