#!/usr/bin/env bash
# Benchmark: the page's server while 50 event streams follow one live run of the drivers lab (3 emulated hosts,
# about 1,069 cells), against the same run followed by one stream, in the same run of this script: the server's CPU
# (from /proc, user + system, over the run) and the latency of GET /api/runs meanwhile (p50 and max, every 0.25 s).
# Targets (issue 13): under half a core, and GET /api/runs under 200 ms, with 50 streams.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${STREAMS:-50}"
port="${PORT:-18090}"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }
. "$root/bench/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench/streams.sh: needs root (emulated hosts)" >&2; exit 1; }
trap 'kill $(jobs -p) 2>/dev/null || true; swarmlab serve --stop >/dev/null 2>&1 || true; swarmlab destroy "$root/labs/drivers.yaml" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab hosts up --count 3 >/dev/null
swarmlab deploy "$root/labs/drivers.yaml" >/dev/null
swarmlab serve --detach --port "$port" --labs "$root/labs" >/dev/null
pid=$(cut -d" " -f1 "$SWARMLAB_STATE/serve.pid")   # the pid, then its start time
auth="Authorization: Bearer $(cat "$SWARMLAB_STATE/serve.token")"
base="http://127.0.0.1:$port"
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# One live run followed by N streams: prints cores used by the server, p50 and max of GET /api/runs (ms), cells streamed.
follow() {
  local n=$1 run="" lat="$SWARMLAB_STATE/latency-$1" before after start end
  swarmlab run "$root/labs/drivers.yaml" >"$SWARMLAB_STATE/run-$n.log" 2>&1 &
  local runner=$!
  for _ in $(seq 1 600); do
    run=$(curl -s -H "$auth" "$base/api/runs" | python3 -c 'import json,sys; r=[x["id"] for x in json.load(sys.stdin) if x["status"]=="running"]; print(r[-1] if r else "")')
    [ -n "$run" ] && break
    sleep 0.1
  done
  [ -n "$run" ] || { echo "bench/streams.sh: the run never showed as running" >&2; exit 1; }
  before=$(cpu); start=$(date +%s.%N)
  for ((i = 1; i <= n; i++)); do
    curl -sN -H "$auth" "$base/api/runs/$run/events" >"$SWARMLAB_STATE/stream-$n-$i" &
  done
  : >"$lat"
  while kill -0 "$runner" 2>/dev/null; do
    curl -s -o /dev/null -H "$auth" -w '%{time_total}\n' "$base/api/runs" >>"$lat"
    sleep 0.25
  done
  wait "$runner" || true
  wait
  after=$(cpu); end=$(date +%s.%N)
  local cores p50 max cells
  cores=$(echo "($after - $before) / $ticks / ($end - $start)" | bc -l)
  p50=$(awk '{print $1 * 1000}' "$lat" | median)
  max=$(awk '{print $1 * 1000}' "$lat" | sort -n | tail -1)
  cells=$(grep -c '^event: cell' "$SWARMLAB_STATE/stream-$n-1" || true)
  grep -q '^event: end' "$SWARMLAB_STATE/stream-$n-$n" || { echo "bench/streams.sh: stream $n of $n did not get to the end" >&2; exit 1; }
  echo "$cores $p50 $max $cells"
}

read -r one_cores one_p50 one_max one_cells < <(follow 1)
read -r many_cores many_p50 many_max many_cells < <(follow "$streams")
printf 'a live run of the drivers lab (%d cells streamed to each), the page server meanwhile:\n' "$many_cells"
printf '  %2d stream : %.2f cores, GET /api/runs p50 %.0f ms, max %.0f ms\n' 1 "$one_cores" "$one_p50" "$one_max"
printf '  %2d streams: %.2f cores, GET /api/runs p50 %.0f ms, max %.0f ms\n' "$streams" "$many_cores" "$many_p50" "$many_max"
printf '  CPU with %d streams: %.2f cores, %.2fx that of one   (target < 0.5 cores)   %s\n' "$streams" "$many_cores" \
  "$(echo "$many_cores / ($one_cores + 0.001)" | bc -l)" "$(verdict "$many_cores < 0.5")"
printf '  GET /api/runs with %d streams: max %.0f ms   (target < 200 ms)   %s\n' "$streams" "$many_max" "$(verdict "$many_max < 200")"
