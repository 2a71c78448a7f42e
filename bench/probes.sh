#!/usr/bin/env bash
# Benchmark: the agent's measuring probes against the standard tools, on the same path (h1 to
# h2 over the emulated underlay; the agents in host mode, the tools in the hosts' namespaces):
#   throughput  the agent's TCP bulk probe (3 s) against iperf3 (3 s)      target: within 15%
#   latency     the agent's TCP round-trip p50 (500 rounds) against ping's p50 (500 echoes)   target: within 20%
# Interleaved, medians of RUNS runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
home="${SWARMLAB_HOME:-/var/lib/swarmlab}"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }
. "$root/bench/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench/probes.sh: needs root (emulated hosts)" >&2; exit 1; }
for tool in iperf3 ping; do command -v $tool >/dev/null || { echo "bench/probes.sh: $tool is missing; run make deps" >&2; exit 1; }; done
swarmlab hosts up --count 3 >/dev/null
trap 'swarmlab destroy "$root/labs/drivers.yaml" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab deploy "$root/labs/drivers.yaml" >/dev/null
export DOCKER_HOST=unix://$home/sl/hosts/h1/run/docker.sock
image=$(docker ps --filter name=drivers-host-h1-a --format '{{.Image}}')
agent=$(docker image inspect "$image" --format '{{join .Config.Entrypoint " "}}')
h2=$(sed -n '/name: h2/,/address/p' "$home/sl/inventory.yaml" | sed -n 's/.*address: *//p' | head -1)
in_ns() { local ns=$1; shift; nsenter --net=/var/run/netns/sl-$ns "$@"; }
probe() { echo "$1" | docker exec -i drivers-host-h1-a $agent probe | python3 -c "import json,sys; print(json.load(sys.stdin)['timings']['$2'])"; }

declare -a ours_tp iperf_tp ours_lat ping_lat
for ((i = 1; i <= runs; i++)); do
  ours_tp+=("$(probe "{\"id\":\"t\",\"kind\":\"throughput\",\"target\":\"$h2\",\"port\":7000,\"durationMs\":3000,\"timeoutMs\":5000}" mbitPerSecond)")
  in_ns h2 iperf3 -s -1 -p 5201 >/dev/null 2>&1 & sleep 0.5
  iperf_tp+=("$(in_ns h1 iperf3 -c "$h2" -p 5201 -t 3 -J | python3 -c "import json,sys; print(json.load(sys.stdin)['end']['sum_received']['bits_per_second'] / 1e6)")")
  wait
  ours_lat+=("$(probe "{\"id\":\"l\",\"kind\":\"latency\",\"target\":\"$h2\",\"port\":7000,\"rounds\":500,\"timeoutMs\":5000}" p50Ms)")
  ping_lat+=("$(in_ns h1 ping -c 500 -i 0.002 -q -n "$h2" >/dev/null; in_ns h1 ping -c 500 -i 0.002 -n "$h2" | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | median)")
  printf 'run %d: throughput agent %.0f Mbit/s, iperf3 %.0f Mbit/s; latency p50 agent %.3f ms, ping %.3f ms\n' \
    "$i" "${ours_tp[-1]}" "${iperf_tp[-1]}" "${ours_lat[-1]}" "${ping_lat[-1]}"
done
ot=$(printf '%s\n' "${ours_tp[@]}" | median); it=$(printf '%s\n' "${iperf_tp[@]}" | median)
ol=$(printf '%s\n' "${ours_lat[@]}" | median); pl=$(printf '%s\n' "${ping_lat[@]}" | median)
tr=$(echo "$ot / $it" | bc -l); lr=$(echo "$ol / $pl" | bc -l)
printf '\nh1 -> h2 over the underlay, median of %d runs:\n' "$runs"
printf '  throughput: agent %.0f Mbit/s, iperf3 %.0f Mbit/s, ratio %.2f   (target >= 0.85)   %s\n' "$ot" "$it" "$tr" "$(verdict "$tr >= 0.85")"
printf '  latency p50: agent %.3f ms, ping %.3f ms, ratio %.2f   (target <= 1.20)   %s\n' "$ol" "$pl" "$lr" "$(verdict "$lr <= 1.2")"
