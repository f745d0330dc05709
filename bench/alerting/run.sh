#!/usr/bin/env bash
# Alerting benchmark on a fresh stack of its own: bench/alerting/run.sh [bench.py arguments]
# (--small 500 --large 40 --outage 1000 --threads 8). The emulator is TACT_EMULATOR's (moto unless set), started with
# Postgres by ./tact cloud-at on free ports in .local/bench-alerting; bench.py starts the identity provider and the
# service itself; everything is stopped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export TACT_EMULATOR=${TACT_EMULATOR:-moto}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
STACK=.local/bench-alerting
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
trap './tact stop-at "$STACK" >/dev/null 2>&1 || true; rm -rf "$(cat "$STACK/pgdata" 2>/dev/null)"' EXIT
./tact cloud-at "$STACK" "$(free_port)" "$(free_port)" >/dev/null
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -o -DskipTests -pl alerting-service,ciam-simulator -am package
JAVA_HOME=$JAVA_HOME .local/venv/bin/python bench/alerting/bench.py --env-file "$STACK/env" --emulator "$TACT_EMULATOR" "$@"
