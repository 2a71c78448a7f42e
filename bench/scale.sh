#!/usr/bin/env bash
# Benchmark: the drivers lab's probe matrix on 3 and on 12 emulated hosts, interleaved. The
# figure is the matrix's wall time as `swarmlab run` reports it ("measured N cells ... in T"),
# deploy excluded. Cells grow about 16x from 3 to 12 hosts. Target (issue 4): 12 hosts take
# under 4x the time of 3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
inventory="${SWARMLAB_HOME:-/var/lib/swarmlab}/sl/inventory.yaml"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }
. "$root/bench/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench/scale.sh: needs root (emulated hosts)" >&2; exit 1; }
swarmlab hosts up --count 12 >/dev/null
trap 'swarmlab destroy "$root/labs/drivers.yaml" --inventory "$inventory" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab run "$root/labs/drivers.yaml" --inventory "$inventory" >/dev/null || true   # deploys all 12

# "measured 1038 cells with 24 agents in 18.8 s" -> cells and seconds
matrix() {
  swarmlab run "$root/labs/drivers.yaml" "$@" | sed -n 's/.*measured \([0-9]*\) cells with [0-9]* agents in \(.*\)$/\1 \2/p' \
    | awk '{t=$2; if ($3=="ms") t/=1000; else if ($3=="min") t=t*60+$4; print $1, t}'
}
declare -a three twelve
for ((i = 1; i <= runs; i++)); do
  read -r c3 t3 < <(matrix)
  read -r c12 t12 < <(matrix --inventory "$inventory")
  three+=("$t3"); twelve+=("$t12")
  printf 'run %d: 3 hosts %d cells in %.1f s; 12 hosts %d cells in %.1f s\n' "$i" "$c3" "$t3" "$c12" "$t12"
done
m3=$(printf '%s\n' "${three[@]}" | median)
m12=$(printf '%s\n' "${twelve[@]}" | median)
ratio=$(echo "$m12 / $m3" | bc -l)
printf '\nprobe matrix of the drivers lab, median of %d runs:\n' "$runs"
printf '  3 hosts:  %6.1f s (%d cells)\n' "$m3" "$c3"
printf '  12 hosts: %6.1f s (%d cells, %.1fx as many)\n' "$m12" "$c12" "$(echo "$c12 / $c3" | bc -l)"
printf '  ratio 12/3: %.2f   (target < 4)   %s\n' "$ratio" "$(verdict "$ratio < 4")"
