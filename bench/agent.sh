#!/usr/bin/env bash
# Benchmark: the agent itself, on the drivers lab's agents (3 emulated hosts).
#   image size      the agent image as the daemon stores it      target <= 45 MB
#   idle memory     median `docker stats` memory of the agents    target <= 24 MiB
#   exec overhead   median time of `docker exec -i AGENT agent probe` with a batch of one
#                   trivial probe (dns localhost), through the host's daemon socket   target <= 300 ms
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inventory_dir="${SWARMLAB_HOME:-/var/lib/swarmlab}/sl"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }
. "$root/bench/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench/agent.sh: needs root (emulated hosts)" >&2; exit 1; }
swarmlab hosts up --count 3 >/dev/null
trap 'swarmlab destroy "$root/labs/drivers.yaml" >/dev/null 2>&1 || true; rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab deploy "$root/labs/drivers.yaml" >/dev/null
export DOCKER_HOST=unix://$inventory_dir/hosts/h1/run/docker.sock
sleep 5 # let the agents settle after start

image=$(docker ps --filter label=dev.swarmlab.lab=drivers --format '{{.Image}}' | head -1)
bytes=$(docker image inspect "$image" --format '{{.Size}}')
mb=$(echo "$bytes / 1000000" | bc -l)
mem=$(docker stats --no-stream --format '{{.MemUsage}}' $(docker ps -q --filter label=dev.swarmlab.role=agent) \
      | awk '{v=$1; if (v ~ /GiB/) {sub(/GiB/,"",v); v*=1024} else if (v ~ /MiB/) {sub(/MiB/,"",v)} else if (v ~ /KiB/) {sub(/KiB/,"",v); v/=1024}; print v}' | median)
agent=$(docker ps --filter label=dev.swarmlab.role=agent --filter name=lab-bridge --format '{{.Names}}' | head -1)
java=$(docker image inspect "$image" --format '{{join .Config.Entrypoint " "}}')
declare -a execs
for i in $(seq 1 10); do
  execs+=("$(seconds bash -c "echo '{\"id\":\"x\",\"kind\":\"dns\",\"target\":\"localhost\"}' | docker exec -i $agent $java probe")")
done
exec_ms=$(printf '%s\n' "${execs[@]}" | median | awk '{print $1 * 1000}')
declare -a bare
for i in $(seq 1 10); do
  bare+=("$(seconds bash -c "docker exec $agent /no-such-command 2>/dev/null; true")")
done
bare_ms=$(printf '%s\n' "${bare[@]}" | median | awk '{print $1 * 1000}')

printf 'agent image %s:\n' "$image"
printf '  image size:        %6.1f MB    (target <= 45 MB)    %s\n' "$mb" "$(verdict "$mb <= 45")"
printf '  idle memory:       %6.1f MiB   (target <= 24 MiB)   %s   (median of %d agents on h1)\n' "$mem" "$(verdict "$mem <= 24")" \
  "$(docker ps -q --filter label=dev.swarmlab.role=agent | wc -l)"
printf '  probe exec:        %6.0f ms    (target <= 300 ms)   %s   (median of 10, docker CLI start included)\n' "$exec_ms" "$(verdict "$exec_ms <= 300")"
printf '  for reference, docker exec of a command that does not exist: %.0f ms (the CLI, the daemon, runc)\n' "$bare_ms"
