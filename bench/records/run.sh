#!/usr/bin/env bash
# Record-feed benchmark: bash bench/records/run.sh [--records N] [--rounds R]
# Starts its own moto server and Postgres (ports 4597/55497), builds the service, and prints the figures: the
# holdings extract (EBCDIC, packed decimals) against the same rows as a CSV feed, end to end, in the same run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export TEST_MOTO_PORT=4597 TEST_PG_PORT=55497
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./tact cloud-at .local/bench-records "$TEST_MOTO_PORT" "$TEST_PG_PORT" >/dev/null
trap './tact stop-at .local/bench-records' EXIT
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -DskipTests package -pl tact-shared,inbound-service -am
.local/venv/bin/python bench/records/bench.py --env-file .local/bench-records/env --java "$JAVA_HOME/bin/java" \
  --jar inbound-service/target/inbound-service.jar "$@"
