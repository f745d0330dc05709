#!/usr/bin/env bash
# Every benchmark, each on a fresh stack of its own, then one table: figure, baseline, ratio, machine, emulator, date.
#   bench/run-all.sh [--rows N] [--rounds R] [--events N] [--alerts N] [--scale-files N] [--scale-rows N]
#                    [--scale-events N] [--only inbound,outbound,alerting,scale]
#     --rows, --rounds   inbound file size and rounds, passed to bench/inbound/run.sh (default 1000000, 1)
#     --events   outbound backlog, passed to bench/outbound/run.sh (default 4000; MiniStack, then moto)
#     --alerts   alerts queued during the SNS outage, passed to bench/alerting/run.sh (default 1000)
#     --scale-files, --scale-rows, --scale-events   passed to bench/scale/run.sh as --files, --rows, --events
#                (default 30, 100000, 10000: 1, 2 and 3 instances of inbound-service and of outbound-service; MiniStack)
# Each benchmark's ratio is to a baseline measured in the same run. Logs: bench/out/run-all-<name>.log.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ROWS=1000000 ROUNDS=1 EVENTS=4000 ALERTS=1000 ONLY=inbound,outbound,alerting,scale
SCALE_FILES=30 SCALE_ROWS=100000 SCALE_EVENTS=10000
while [ $# -gt 0 ]; do
  case $1 in
    --rows) ROWS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    --alerts) ALERTS=$2; shift 2 ;;
    --scale-files) SCALE_FILES=$2; shift 2 ;;
    --scale-rows) SCALE_ROWS=$2; shift 2 ;;
    --scale-events) SCALE_EVENTS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
export BENCH_RESULTS="$OUT/run-all.tsv"; : >"$BENCH_RESULTS"
MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1 /proc/loadavg) at start"
failed=""

run() { # name command...
  local name=$1; shift
  case ",$ONLY," in *",$name,"*) ;; *) return 0 ;; esac
  echo "== $name: $*" >&2
  "$@" >"$OUT/run-all-$name.log" 2>&1 || { failed="$failed $name"; echo "   failed, see bench/out/run-all-$name.log" >&2; }
}

run inbound bash bench/inbound/run.sh --rows "$ROWS" --rounds "$ROUNDS" --scale 0
# the inbound script prints its own table; its two ratios become rows here (it writes no result file itself)
if [ -s "$OUT/run-all-inbound.log" ]; then
  python3 - "$OUT/run-all-inbound.log" "$ROWS" >>"$BENCH_RESULTS" <<'PY'
import datetime, re, sys
log, rows = open(sys.argv[1]).read(), int(sys.argv[2])
rates = {m.group(1).strip(): m.group(2) for m in re.finditer(r"^(\S.*?) +[0-9.]+ +([0-9,]+)$", log, re.M)}
ratios = re.findall(r"^service / baseline (\d) = ([0-9.]+)", log, re.M)
service = next((v for k, v in rates.items() if k.startswith("inbound-service")), "?")
for (n, ratio), target in zip(ratios, ["target 0.7", "target > 1"]):
    base = next((f"{v} rows/s ({k.split(':', 1)[1].strip()})" for k, v in rates.items() if k.startswith(f"baseline {n}")), "?")
    print("\t".join([f"inbound {rows:,} rows, end to end", f"{service} rows/s", base, f"{ratio} ({target})", "moto",
                     datetime.date.today().isoformat()]))
first = re.search(r"^inbound-service, PutObject -> ledger DONE +([0-9.]+)", log, re.M)
for label, what in (("recorded without landing", "inbound re-load of the unchanged file (same bytes, new version)"),
                    ("landed", "inbound re-load of the unchanged file, landed (another landing in between)")):
    m = re.search(r"^service re-load " + ("of the unchanged file" if label != "landed" else "landed") + r".*median ([0-9.]+) s = ([0-9.]+) of a first load", log, re.M)
    if m and first:
        print("\t".join([what, f"{m.group(1)} s", f"{first.group(1)} s (first load, same run)", f"{m.group(2)}", "moto",
                         datetime.date.today().isoformat()]))
PY
fi
run outbound bash bench/outbound/run.sh "$EVENTS"
run alerting bash bench/alerting/run.sh --outage "$ALERTS"
# outbound instances warmed up first, like bench/outbound/run.sh's phases (steady state, not the JIT's warm-up)
run scale bash bench/scale/run.sh --files "$SCALE_FILES" --rows "$SCALE_ROWS" --events "$SCALE_EVENTS" --outbound-warmup 2000

printf '\n| figure | measured | baseline (same run) | ratio | machine | emulator | date |\n| --- | --- | --- | --- | --- | --- | --- |\n'
while IFS=$'\t' read -r figure value baseline ratio emulator date; do
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$figure" "$value" "$baseline" "$ratio" "$MACHINE" "$emulator" "$date"
done <"$BENCH_RESULTS"
[ -z "$failed" ] || { echo "failed:$failed" >&2; exit 1; }
