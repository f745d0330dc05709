#!/usr/bin/env bash
# Outbound throughput and latency against the mock partner answering in 50 ms.
#   bench/outbound/run.sh [backlog_events]      (default 4000)
# For each emulator in BENCH_EMULATORS (default "ministack moto"; the first is the headline, moto's figure is the
# second line: its SQS is the ceiling there) a fresh stack of its own: the emulator and Postgres (./tact cloud-at,
# folder .local/bench-outbound-<emulator>, free ports), the identity provider (CIAM simulator), the mock partner and
# outbound-service as processes. Each stack measures the sequential baseline and the concurrent figure in the same
# run and prints their ratio; everything started is stopped at the end.
#   BENCH_JFR=1          a flight recording of each service phase (bench/out/outbound-<emulator>-<phase>.jfr)
#   BENCH_RESULTS=file   also append the summary rows there, tab-separated (bench/run-all.sh reads them)
#   BENCH_SERVICE_ARGS   extra arguments for outbound-service in the concurrent phase (experiments)
#   BENCH_JARS           "label=jar ..." to compare builds in one run on one stack (default: this checkout's jar)
#   BENCH_WARMUP, BENCH_WARMUP_SEQUENTIAL  events sent through each phase's service before its measured backlog
#                        (default 2000 and 50; 0: measure a cold JVM, as before 2026-11-26 evening)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
EVENTS=${1:-4000}
SEQUENTIAL_EVENTS=${BENCH_SEQUENTIAL_EVENTS:-200}
# each measured phase first sends a warm-up backlog through the same service process (then measures a backlog queued
# in one transaction): a steady-state figure, not the JIT's warm-up; 0 measures a cold service
WARMUP_SEQUENTIAL=${BENCH_WARMUP_SEQUENTIAL:-50} WARMUP=${BENCH_WARMUP:-2000}
EMULATORS=${BENCH_EMULATORS:-ministack moto}
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=() STACKS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for s in "${STACKS[@]}"; do stop_stack "$s"; done
}
stop_stack() { ./tact stop-at "$1" >/dev/null 2>&1 || true; rm -rf "$(cat "$1/pgdata" 2>/dev/null)"; }
trap cleanup EXIT

# -am: the jar must carry this checkout's tact-shared (its Flyway migrations), not one from the local repository
# (and a stale fat jar is not re-packaged with new libraries: remove it first)
rm -f outbound-service/target/outbound-service.jar outbound-service/target/outbound-service.jar.original
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -o -DskipTests -pl mock-partner,outbound-service,ciam-simulator -am package
PSQL_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql

start_service() { # concurrency logfile [extra args]
  local jfr="" conc=$1 log=$2; shift 2
  # the CPU-time sampler (JDK 25, Linux) sees where CPU goes even when other processes hold the cores
  [ -n "${BENCH_JFR:-}" ] && jfr="-XX:StartFlightRecording=filename=${log%.log}.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=2ms"
  # spans are made as in production; exporting them is off (no trace backend in the benchmark)
  OTEL_TRACES_EXPORTER=none TACT_MOCK_PARTNER_URL=http://127.0.0.1:$MOCK_PORT \
    "$JAVA_HOME/bin/java" -Xmx512m $jfr -jar "$JAR" \
    --spring.profiles.active=local --server.port="$SVC_PORT" --tact.outbound.dispatch.concurrency="$conc" "$@" >"$log" 2>&1 &
  SVC_PID=$!; PIDS+=("$SVC_PID")
  # CPU per delivery by process: the service, the emulator, Postgres (postmaster and backends), the mock partner
  export BENCH_CPU_PIDS="service=$SVC_PID,emulator=$(cat "$STACK/emulator.pid"),postgres=$(head -1 "$(cat "$STACK/pgdata")/postmaster.pid"),mock-partner=$MOCK_PID"
  # a loaded machine may need minutes to start a JVM
  for _ in $(seq 1 360); do curl -fs "http://127.0.0.1:$SVC_PORT/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "outbound-service did not start; see $log" >&2; exit 1
}
stop_service() { kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true; }

run_stack() { # emulator
  local emu=$1 version
  STACK=".local/bench-outbound-$1"; local stack=$STACK
  STACKS+=("$stack")
  local emu_port=$(free_port) pg_port=$(free_port)
  MOCK_PORT=$(free_port) SVC_PORT=$(free_port) CIAM_PORT=$(free_port)
  # the env file names the identity provider's port (TACT_OIDC_ISSUER) and the mock partner's
  CIAM_PORT=$CIAM_PORT MOCK_PARTNER_PORT=$MOCK_PORT TACT_EMULATOR=$emu ./tact cloud-at "$stack" "$emu_port" "$pg_port" >/dev/null
  set -a; . "$stack/env"; set +a
  case $emu in
    ministack) version="MiniStack $(.local/venv-ministack/bin/python -c 'import importlib.metadata as m; print(m.version("ministack"))')" ;;
    *) version="moto $(.local/venv/bin/python -c 'import importlib.metadata as m; print(m.version("moto"))')" ;;
  esac
  export BENCH_EMULATOR="$version" PSQL="$PSQL_BIN -h 127.0.0.1 -p $pg_port -U tact -d tact -qtA"
  echo "== $version (fresh stack: emulator :$emu_port, Postgres :$pg_port, identity provider :$CIAM_PORT)"

  CIAM_PORT=$CIAM_PORT TACT_DEV_PASSWORD=$TACT_DEV_PASSWORD TACT_OIDC_ISSUER=$TACT_OIDC_ISSUER \
    "$JAVA_HOME/bin/java" -Xmx128m -jar ciam-simulator/target/ciam-simulator.jar >"$OUT/ciam-simulator-$emu.log" 2>&1 &
  PIDS+=($!)
  MOCK_PARTNER_PORT=$MOCK_PORT MOCK_PARTNER_CLIENTS="custodian-a=local-dev-custodian-a,vendor-b=local-dev-vendor-b" \
    "$JAVA_HOME/bin/java" -Xmx256m -jar mock-partner/target/mock-partner-0.1.0-SNAPSHOT-exec.jar >"$OUT/mock-partner-$emu.log" 2>&1 &
  MOCK_PID=$!; PIDS+=($!)

  local bench=".local/venv/bin/python bench/outbound/bench.py --mock http://127.0.0.1:$MOCK_PORT --service http://127.0.0.1:$SVC_PORT"
  # schema first (the service migrates on start), then each phase queues its backlog while no service runs
  JAR=outbound-service/target/outbound-service.jar
  start_service 1 "$OUT/outbound-$emu-schema.log"; stop_service
  $bench probe --run probe --label "emulator ceiling: SQS receive + batch delete, one client, 500-message backlog"
  local variant first=1
  for variant in ${BENCH_JARS:-current=outbound-service/target/outbound-service.jar}; do
    JAR=${variant#*=}; local tag=$emu; [ -n "${BENCH_JARS:-}" ] && tag="$emu-${variant%%=*}" && BENCH_EMULATOR="$version, ${variant%%=*}"
    start_service 1 "$OUT/outbound-$tag-sequential.log"
    [ "$WARMUP_SEQUENTIAL" -gt 0 ] && $bench warmup --run sequential-warmup --events "$WARMUP_SEQUENTIAL" --label "sequential"
    $bench backlog --run sequential --events "$SEQUENTIAL_EVENTS"
    $bench measure --run sequential --events "$SEQUENTIAL_EVENTS" --label "baseline: 1 consumer thread, sequential calls"
    stop_service
    start_service 64 "$OUT/outbound-$tag-concurrent.log" ${BENCH_SERVICE_ARGS:-}
    [ "$WARMUP" -gt 0 ] && $bench warmup --run concurrent-warmup --events "$WARMUP" --label "concurrency 64"
    $bench backlog --run concurrent --events "$EVENTS"
    $bench measure --run concurrent --events "$EVENTS" --label "default concurrency (64 per partner queue)"
    [ -n "$first" ] && $bench paced --run paced --rate 50 --seconds 10 --label "latency at 50 events/s, default concurrency"
    stop_service
    $bench summary --run summary
    first=
  done
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=()
  stop_stack "$stack"
}

for emu in $EMULATORS; do run_stack "$emu"; done
echo "command: bench/outbound/run.sh $EVENTS   (BENCH_EMULATORS=\"$EMULATORS\"; nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg))"
