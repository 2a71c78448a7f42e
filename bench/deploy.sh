#!/usr/bin/env bash
# Benchmark: `swarmlab deploy labs/drivers.yaml` on 3 emulated hosts against
# bench/deploy-by-hand.sh (the same swarm and networks, one docker CLI command after another
# over ssh), interleaved in the same run. Target (issue 3): swarmlab takes at most half the
# script's time. swarmlab's time includes its preflight, which the script does not do.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
inventory_dir="${SWARMLAB_HOME:-/var/lib/swarmlab}/sl"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }

[ "$(id -u)" = 0 ] || { echo "bench/deploy.sh: needs root (emulated hosts)" >&2; exit 1; }
swarmlab hosts up --count 3 >/dev/null
trap 'swarmlab destroy "$root/labs/drivers.yaml" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab destroy "$root/labs/drivers.yaml" >/dev/null
bash "$root/bench/deploy-by-hand.sh" "$inventory_dir" down

. "$root/bench/lib.sh"

declare -a by_hand tool
for ((i = 1; i <= runs; i++)); do
  by_hand+=("$(seconds bash "$root/bench/deploy-by-hand.sh" "$inventory_dir" up)")
  bash "$root/bench/deploy-by-hand.sh" "$inventory_dir" down
  tool+=("$(seconds swarmlab deploy "$root/labs/drivers.yaml")")
  swarmlab destroy "$root/labs/drivers.yaml" >/dev/null
  printf 'run %d: by hand %.2f s, swarmlab deploy %.2f s\n' "$i" "${by_hand[-1]}" "${tool[-1]}"
done
mh=$(printf '%s\n' "${by_hand[@]}" | median)
mt=$(printf '%s\n' "${tool[@]}" | median)
ratio=$(echo "$mt / $mh" | bc -l)
printf '\ndeploy of the drivers lab on 3 hosts, median of %d runs:\n' "$runs"
printf '  docker CLI over ssh, step by step: %6.2f s\n' "$mh"
printf '  swarmlab deploy (with preflight):  %6.2f s\n' "$mt"
printf '  ratio swarmlab/script: %.2f   (target <= 0.50)   %s\n' "$ratio" "$(verdict "$ratio <= 0.5")"
