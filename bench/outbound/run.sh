#!/usr/bin/env bash
# Outbound throughput and latency against the mock partner answering in 50 ms.
#   bench/outbound/run.sh [backlog_events]      (default 2000)
# Starts its own fresh moto + Postgres (./tact cloud-at, folder .local/bench-outbound, BENCH_MOTO_PORT / BENCH_PG_PORT), the mock partner and
# outbound-service as processes, runs bench.py, prints the figures and the command, and stops what it started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
EVENTS=${1:-2000}
MOTO_PORT=${BENCH_MOTO_PORT:-4640} PG_PORT=${BENCH_PG_PORT:-55540}
STACK=.local/bench-outbound
MOCK_PORT=${BENCH_MOCK_PORT:-8190} SVC_PORT=${BENCH_SVC_PORT:-8192}
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; ./tact stop-at "$STACK" >/dev/null 2>&1 || true; }
trap cleanup EXIT

./tact cloud-at "$STACK" "$MOTO_PORT" "$PG_PORT" >/dev/null
set -a; . "$STACK/env"; set +a
# -am: the jar must carry this checkout's tact-shared (its Flyway migrations), not one from the local repository
# (and a stale fat jar is not re-packaged with new libraries: remove it first)
rm -f outbound-service/target/outbound-service.jar outbound-service/target/outbound-service.jar.original
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -o -DskipTests -pl mock-partner,outbound-service -am package

MOCK_PARTNER_PORT=$MOCK_PORT MOCK_PARTNER_CLIENTS="custodian-a=local-dev-custodian-a,vendor-b=local-dev-vendor-b" \
  "$JAVA_HOME/bin/java" -Xmx256m -jar mock-partner/target/mock-partner-0.1.0-SNAPSHOT-exec.jar >"$OUT/mock-partner.log" 2>&1 &
PIDS+=($!)

start_service() { # concurrency logfile
  local jfr=""; [ -n "${BENCH_JFR:-}" ] && jfr="-XX:StartFlightRecording=filename=${2%.log}.jfr,settings=profile"
  TACT_MOCK_PARTNER_URL=http://127.0.0.1:$MOCK_PORT "$JAVA_HOME/bin/java" -Xmx512m $jfr -jar outbound-service/target/outbound-service.jar \
    --spring.profiles.active=local --server.port=$SVC_PORT --tact.outbound.dispatch.concurrency="$1" >"$2" 2>&1 &
  SVC_PID=$!; PIDS+=($SVC_PID)
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$SVC_PORT/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "outbound-service did not start; see $2" >&2; exit 1
}
stop_service() { kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true; }

BENCH="$ROOT/.local/venv/bin/python bench/outbound/bench.py --mock http://127.0.0.1:$MOCK_PORT --service http://127.0.0.1:$SVC_PORT"
PSQL_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
export PSQL="$PSQL_BIN -h 127.0.0.1 -p $PG_PORT -U tact -d tact -qtA"

# schema first (the service migrates on start), then each phase queues its backlog while no service runs
start_service 1 "$OUT/outbound-schema.log"; stop_service
$BENCH probe --run probe --label "emulator ceiling: moto SQS receive + batch delete, one client, 500-message backlog"
$BENCH backlog --run sequential --events 200
start_service 1 "$OUT/outbound-sequential.log"
$BENCH measure --run sequential --events 200 --label "baseline: 1 consumer thread, sequential calls"
stop_service
$BENCH backlog --run concurrent --events "$EVENTS"
start_service 64 "$OUT/outbound-concurrent.log"
$BENCH measure --run concurrent --events "$EVENTS" --label "default concurrency (64 per partner queue)"
$BENCH paced --run paced --rate 50 --seconds 10 --label "latency at 50 events/s, default concurrency"
stop_service
echo "command: bench/outbound/run.sh $EVENTS   (nproc=$(nproc))"
