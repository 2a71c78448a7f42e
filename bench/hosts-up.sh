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

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

time_up() {  # count -> seconds for one `hosts up` from nothing, then tears down
  local start end
  start=$(date +%s.%N)
  swarmlab hosts up --count "$1" --subnet 10.253.0.0/24 "${opts[@]}" >/dev/null
  end=$(date +%s.%N)
  swarmlab hosts down "${opts[@]}" >/dev/null
  echo "$end - $start" | bc -l
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
printf '  3 hosts:  %6.2f s   (target < 10 s)    %s\n' "$m3" "$( (( $(echo "$m3 < 10" | bc) )) && echo met || echo MISSED)"
printf '  12 hosts: %6.2f s\n' "$m12"
printf '  ratio 12/3: %.2f   (target < 3.0)     %s\n' "$ratio" "$( (( $(echo "$ratio < 3" | bc) )) && echo met || echo MISSED)"
