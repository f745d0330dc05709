#!/usr/bin/env bash
# Scale-out: the same work through 1, 2 and 3 instances of a service (each its own JVM and port, one Postgres, one queue).
#   bench/scale/run.sh [--files 30] [--rows 100000] [--events 10000] [--instances 1,2,3] [--only inbound,outbound]
#                      [--outbound-warmup 0] [--emulator ministack|moto]
#     --files, --rows  inbound: allocations files put to S3 together, rows each; time from the first PutObject until
#                      every ledger row is DONE (inbound-service at -Xmx256m)
#     --events         outbound: backlog queued in the outbox before the instances start, drained to the mock partner
#                      (200 after 50 ms); rate over the window in which all instances were up
#     --outbound-warmup N  instead: each instance first delivers N events, then the backlog is queued in one
#                      transaction while they run (steady state, not cold JVMs); default 0
#     --instances      instance counts to measure; the first is the baseline of the ratios (default 1,2,3)
#     --only           inbound, outbound or both (default both)
#     --emulator       default ministack (moto's SQS caps at ~80 messages/s, below the outbound figure)
# One fresh stack (./tact cloud-at, free ports), the identity provider and the mock partner as processes; every phase
# starts from emptied tables and prints the CPU seconds of each process (services, emulator, Postgres, mock partner,
# this driver) and the load average. Everything started is stopped at the end. Logs and files: bench/out/scale*.
#   BENCH_RESULTS=file   also append the ratios there, tab-separated (bench/run-all.sh reads them)
# Maven runs offline with MAVEN_OPTS as given (e.g. -Dmaven.repo.local=...).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
FILES=30 ROWS=100000 EVENTS=10000 INSTANCES=1,2,3 ONLY=inbound,outbound EMULATOR=ministack WARMUP=0
while [ $# -gt 0 ]; do
  case $1 in
    --files) FILES=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    --instances) INSTANCES=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --outbound-warmup) WARMUP=$2; shift 2 ;;
    --emulator) EMULATOR=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case $ONLY in inbound|outbound|inbound,outbound|outbound,inbound) ;; *) echo "--only: inbound, outbound or both" >&2; exit 2 ;; esac
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
STACK=.local/bench-scale PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  ./tact stop-at "$STACK" >/dev/null 2>&1 || true
  rm -rf "$(cat "$STACK/pgdata" 2>/dev/null)"
}
trap cleanup EXIT

# -am: the jars must carry this checkout's tact-shared (its Flyway migrations); a stale fat jar is not re-packaged
rm -f inbound-service/target/inbound-service.jar* outbound-service/target/outbound-service.jar*
JAVA_HOME=$JAVA_HOME mvn -B -ntp -q -o -DskipTests -pl inbound-service,outbound-service,mock-partner,ciam-simulator -am package

EMU_PORT=$(free_port) PG_PORT=$(free_port) MOCK_PORT=$(free_port) CIAM_PORT=$(free_port)
# the env file names the identity provider's port (TACT_OIDC_ISSUER) and the mock partner's
CIAM_PORT=$CIAM_PORT MOCK_PARTNER_PORT=$MOCK_PORT TACT_EMULATOR=$EMULATOR ./tact cloud-at "$STACK" "$EMU_PORT" "$PG_PORT" >/dev/null
set -a; . "$STACK/env"; set +a
case $EMULATOR in
  ministack) VERSION="MiniStack $(.local/venv-ministack/bin/python -c 'import importlib.metadata as m; print(m.version("ministack"))')" ;;
  *) VERSION="moto $(.local/venv/bin/python -c 'import importlib.metadata as m; print(m.version("moto"))')" ;;
esac
echo "== scale-out on $VERSION (fresh stack: emulator :$EMU_PORT, Postgres :$PG_PORT); nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# the services' bearer tokens come from the identity provider; outbound calls the mock partner
"$JAVA_HOME/bin/java" -Xmx128m -jar ciam-simulator/target/ciam-simulator.jar >"$OUT/scale-ciam-simulator.log" 2>&1 &
PIDS+=($!)
MOCK_PARTNER_PORT=$MOCK_PORT MOCK_PARTNER_CLIENTS="custodian-a=local-dev-custodian-a,vendor-b=local-dev-vendor-b" \
  "$JAVA_HOME/bin/java" -Xmx256m -jar mock-partner/target/mock-partner-0.1.0-SNAPSHOT-exec.jar >"$OUT/scale-mock-partner.log" 2>&1 &
MOCK_PID=$!; PIDS+=($MOCK_PID)

# the schema once, by one instance, before the phases start several at a time (all of it: health is UP after Flyway)
SCHEMA_PORT=$(free_port)
"$JAVA_HOME/bin/java" -Xmx256m -jar inbound-service/target/inbound-service.jar --spring.profiles.active=local \
  --server.port="$SCHEMA_PORT" --logging.level.root=WARN >"$OUT/scale-schema.log" 2>&1 &
SCHEMA_PID=$!; PIDS+=($SCHEMA_PID)
for _ in $(seq 1 1200); do
  curl -fs "http://127.0.0.1:$SCHEMA_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SCHEMA_PID" 2>/dev/null || { echo "the schema run exited; see $OUT/scale-schema.log" >&2; exit 1; }
  sleep 0.5
done
kill "$SCHEMA_PID"; wait "$SCHEMA_PID" 2>/dev/null || true
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$MOCK_PORT/mock/partners/vendor-b/received" >/dev/null 2>&1 && break; sleep 0.5; done

.local/venv/bin/python bench/scale/bench.py --env-file "$STACK/env" --stack "$STACK" --java "$JAVA_HOME/bin/java" \
  --inbound-jar inbound-service/target/inbound-service.jar --outbound-jar outbound-service/target/outbound-service.jar \
  --mock "http://127.0.0.1:$MOCK_PORT" --mock-pid "$MOCK_PID" --emulator "$VERSION" \
  --files "$FILES" --rows "$ROWS" --events "$EVENTS" --instances "$INSTANCES" --only "$ONLY" --outbound-warmup "$WARMUP"
echo "command: bench/scale/run.sh --files $FILES --rows $ROWS --events $EVENTS --instances $INSTANCES --only $ONLY" \
  "--outbound-warmup $WARMUP --emulator $EMULATOR"
