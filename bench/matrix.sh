#!/usr/bin/env bash
# Benchmark: the drivers lab's whole probe matrix (3 hosts; overlay, user bridge, default bridge,
# host, none; icmp, tcp, udp, dns, http) by `swarmlab run`, against the same probes done one after
# another with `ssh HOST docker exec CONTAINER ping/nc/nslookup` (bench/matrix-by-hand.py), in the
# same run. The by-hand time is measured on every EVERY-th cell (default 8) and scaled to the whole
# matrix, since all of it takes several minutes by hand. Target (issue 4): swarmlab at least 10x faster.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
every="${EVERY:-8}"
inventory_dir="${SWARMLAB_HOME:-/var/lib/swarmlab}/sl"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }
. "$root/bench/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench/matrix.sh: needs root (emulated hosts)" >&2; exit 1; }
swarmlab hosts up --count 3 >/dev/null
trap 'for h in h1 h2 h3; do DOCKER_HOST=unix://$inventory_dir/hosts/$h/run/docker.sock docker rm -f $(DOCKER_HOST=unix://$inventory_dir/hosts/$h/run/docker.sock docker ps -aq --filter label=swarmlab-bench) >/dev/null 2>&1 || true; done; swarmlab destroy "$root/labs/drivers.yaml" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
out="$SWARMLAB_STATE/first"
swarmlab run "$root/labs/drivers.yaml" --out "$out" >/dev/null   # deploys: agents, image

# busybox sidecars sharing each agent's network namespace, for the by-hand probes
rootfs="$SWARMLAB_STATE/busybox"; mkdir -p "$rootfs/bin"; cp /bin/busybox "$rootfs/bin/"
for t in sh sleep ping nc nslookup dd; do ln -sf busybox "$rootfs/bin/$t"; done
for h in h1 h2 h3; do
  export DOCKER_HOST=unix://$inventory_dir/hosts/$h/run/docker.sock
  tar -C "$rootfs" -c . | docker import - swarmlab-bench/busybox:1 >/dev/null
  for agent in $(docker ps --filter label=dev.swarmlab.lab=drivers --format '{{.Names}}'); do
    docker run -d --label swarmlab-bench=1 --name "sc-$agent" --network "container:$agent" swarmlab-bench/busybox:1 sleep 1d >/dev/null
  done
done
unset DOCKER_HOST

declare -a tool script
for ((i = 1; i <= runs; i++)); do
  tool+=("$(seconds swarmlab run "$root/labs/drivers.yaml" --out "$SWARMLAB_STATE/run$i")")
  read -r n t < <(python3 "$root/bench/matrix-by-hand.py" "$inventory_dir" "$out/report.json" "$every")
  cells=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['cells']))" "$out/report.json")
  script+=("$(echo "$t / $n * $cells" | bc -l)")
  printf 'run %d: swarmlab run %.1f s; by hand %d cells in %.1f s (%.2f s a cell), so %.0f s for all %d\n' \
    "$i" "${tool[-1]}" "$n" "$t" "$(echo "$t / $n" | bc -l)" "${script[-1]}" "$cells"
done
mt=$(printf '%s\n' "${tool[@]}" | median)
ms=$(printf '%s\n' "${script[@]}" | median)
ratio=$(echo "$ms / $mt" | bc -l)
printf '\nprobe matrix of the drivers lab on 3 hosts (%d cells), median of %d runs:\n' "$cells" "$runs"
printf '  docker exec over ssh, one probe after another: %7.1f s\n' "$ms"
printf '  swarmlab run (deploy check, plan, probes, report): %5.1f s\n' "$mt"
printf '  speed-up: %.1fx   (target >= 10x)   %s\n' "$ratio" "$(verdict "$ratio >= 10")"
