#!/usr/bin/env bash
# Inbound benchmark: bash bench/inbound/run.sh [--rows N] [--rounds R] [--scale K]
# Starts its own moto server and Postgres (free ports), builds the service, and prints the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export TEST_MOTO_PORT=${TEST_MOTO_PORT:-$(free_port)} TEST_PG_PORT=${TEST_PG_PORT:-$(free_port)}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./tact cloud-at .local/bench "$TEST_MOTO_PORT" "$TEST_PG_PORT" >/dev/null
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests package -pl tact-shared,inbound-service -am
PG_JAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
trap './tact stop-at .local/bench; rm -rf "$(cat .local/bench/pgdata 2>/dev/null)"' EXIT
.local/venv/bin/python bench/inbound/bench.py --env-file .local/bench/env --java "$JAVA_HOME/bin/java" \
  --pg-jar "$PG_JAR" --jar inbound-service/target/inbound-service.jar "$@"
