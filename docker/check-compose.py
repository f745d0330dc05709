#!/usr/bin/env python3
"""Checks docker-compose.yml without a Docker engine.

1. The names in the services' environment equal those of cloud/resources.json for TACT_ENV
   (compose cannot read the JSON, so this keeps the two from drifting apart).
2. Identity: every service that sets TACT_OIDC_ISSUER names exactly the issuer the CIAM simulator is given (a
   token's `iss` is compared as a string), a name the containers can resolve (the simulator's service name or a
   network alias) on the port it listens on, published on the host for browsers; no operator login is left.
3. Running it: every image has a pinned tag (not `latest`), every long-running container a health check and a
   restart policy.
4. The compose file itself: `docker compose config -q`, else `docker-compose config -q`, else only the
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
from urllib.parse import urlparse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def expected(env):
    with open(os.path.join(ROOT, "cloud", "resources.json")) as f:
        n = json.loads(f.read().replace("{env}", env))
    names = {
        "AWS_REGION": n["region"],
        "TACT_INBOUND_BUCKET": n["inbound"]["bucket"],
        "TACT_INBOUND_PREFIX": n["inbound"]["notificationPrefix"],
        "TACT_INBOUND_QUEUE": n["inbound"]["queue"],
        "TACT_INBOUND_DLQ": n["inbound"]["dlq"],
        "TACT_EVENT_BUS": n["events"]["bus"],
        "TACT_ALERT_PAYLOAD_BUCKET": n["alerting"]["payloadBucket"],
        "TACT_ALERTING_EVENTS_QUEUE": n["alerting"]["eventsQueue"],
        "TACT_ALERTING_EVENTS_DLQ": n["alerting"]["eventsDlq"],
    }
    # the variable names outbound-service and the console read per partner (custodian-a -> CUSTODIAN_A)
    for p in n["outbound"]["partners"]:
        key = p["name"].upper().replace("-", "_")
        names[f"TACT_OUTBOUND_{key}_QUEUE"] = p["queue"]
        names[f"TACT_OUTBOUND_{key}_DLQ"] = p["dlq"]
    return names


def identity_problems(services):
    """The issuer every service is configured with must be the one the simulator puts into its tokens, and reachable."""
    problems = []
    sim = services.get("ciam-simulator")
    if sim is None:
        return ["ciam-simulator: missing (the services accept only tokens of an issuer)"]
    sim_env = sim.get("environment") or {}
    issuer = sim_env.get("TACT_OIDC_ISSUER")
    if not issuer:
        return ["ciam-simulator: TACT_OIDC_ISSUER is not set (its tokens' iss)"]
    url = urlparse(str(issuer))
    port = url.port or (443 if url.scheme == "https" else 80)
    aliases = ((sim.get("networks") or {}).get("default") or {}).get("aliases") or [] if isinstance(sim.get("networks"), dict) else []
    if url.hostname not in {"ciam-simulator", *aliases}:
        problems.append(f"ciam-simulator: issuer host {url.hostname!r} is neither its service name nor a network alias: "
                        "the containers cannot reach it")
    if str(sim_env.get("CIAM_PORT", "9000")) != str(port):
        problems.append(f"ciam-simulator: listens on {sim_env.get('CIAM_PORT', '9000')}, the issuer says {port}")
    if str(sim_env.get("CIAM_HOST", "127.0.0.1")) != "0.0.0.0":
        problems.append("ciam-simulator: CIAM_HOST must be 0.0.0.0 (it binds to loopback otherwise)")
    if not any(str(p).split(":")[-2:] == [str(port), str(port)] for p in sim.get("ports") or []):
        problems.append(f"ciam-simulator: port {port} is not published as {port}:{port}; browsers cannot reach the issuer")
    for name, svc in services.items():
        env = svc.get("environment") or {}
        if not isinstance(env, dict):
            continue
        if "TACT_INBOUND_BUCKET" in env and env.get("TACT_OIDC_ISSUER") != issuer:
            problems.append(f"{name}: TACT_OIDC_ISSUER={env.get('TACT_OIDC_ISSUER')!r}, the simulator's tokens carry iss={issuer!r}")
        for key in env:
            if key.startswith(("TACT_OPERATOR_", "TACT_SECURITY_OPERATORS")):
                problems.append(f"{name}: {key}: HTTP Basic is gone, tokens only")
    return problems


def runtime_problems(services):
    """Pinned images, health checks and restart policies."""
    problems = []
    for name, svc in services.items():
        image = svc.get("image")
        if not image:
            problems.append(f"{name}: no image name")
        else:
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            if not tag or tag == "latest":
                problems.append(f"{name}: image {image!r} has no pinned tag")
        one_shot = str(svc.get("restart")) == "no"
        if not one_shot and "healthcheck" not in svc:
            problems.append(f"{name}: no health check")
        if "restart" not in svc:
            problems.append(f"{name}: no restart policy")
    return problems


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

    found = identity_problems(doc["services"])
    problems += found
    print(f"[compose] issuer (simulator = services, reachable), no operator login: {'ok' if not found else 'MISMATCH'}")

    found = runtime_problems(doc["services"])
    problems += found
    print(f"[compose] pinned images, health checks, restart policies: {'ok' if not found else 'MISSING'}")

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
