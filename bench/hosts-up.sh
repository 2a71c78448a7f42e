#!/usr/bin/env bash
# Benchmark: `swarmlab hosts up` for 3 and for 12 emulated hosts, each repeated, measured in
# the same run. Targets (issue 2): 3 hosts ready (dockerd answering, sshd accepting) in under
# 10 s; 12 hosts in under 3x the time of 3. Prints the medians and the ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
home="${BENCH_HOME:-/var/lib/swarmlab-bench}"
opts=(--prefix slb --home "$home")
swarmlab() { "$root/swarmlab" "$@"; }

[ "$(id -u)" = 0 ] || { echo "bench/hosts-up.sh: needs root (it creates namespaces)" >&2; exit 1; }
swarmlab hosts down "${opts[@]}" >/dev/null
trap 'swarmlab hosts down "${opts[@]}" >/dev/null 2>&1 || true' EXIT

. "$root/bench/lib.sh"

time_up() {  # count -> seconds for one `hosts up` from nothing, then tears down
  seconds swarmlab hosts up --count "$1" --subnet 10.253.0.0/24 "${opts[@]}"
  swarmlab hosts down "${opts[@]}" >/dev/null
}

declare -a t3 t12
for ((i = 1; i <= runs; i++)); do   # interleaved, so drift of the machine hits both alike
  t3+=("$(time_up 3)")
  t12+=("$(time_up 12)")
  printf 'run %d: 3 hosts %.2f s, 12 hosts %.2f s\n' "$i" "${t3[-1]}" "${t12[-1]}"
done
m3=$(printf '%s\n' "${t3[@]}" | median)
m12=$(printf '%s\n' "${t12[@]}" | median)
ratio=$(echo "$m12 / $m3" | bc -l)
printf '\nhosts up, median of %d runs:\n' "$runs"
printf '  3 hosts:  %6.2f s   (target < 10 s)    %s\n' "$m3" "$(verdict "$m3 < 10")"
printf '  12 hosts: %6.2f s\n' "$m12"
printf '  ratio 12/3: %.2f   (target < 3.0)     %s\n' "$ratio" "$(verdict "$ratio < 3")"
