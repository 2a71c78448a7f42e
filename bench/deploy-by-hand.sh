#!/usr/bin/env bash
# The baseline for bench/deploy.sh: the drivers lab's deploy done the way the course notes do
# it, one docker CLI command after another over ssh. Usage: deploy-by-hand.sh INVENTORY_DIR up|down
set -euo pipefail
dir="$1"; action="$2"
ssh_to() { ssh -i "$dir/id_ed25519" -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes "root@$1" "${@:2}"; }
h1=10.250.0.11; h2=10.250.0.12; h3=10.250.0.13
if [ "$action" = up ]; then
  ssh_to $h1 docker swarm init --advertise-addr $h1 --data-path-addr $h1 >/dev/null
  token=$(ssh_to $h1 docker swarm join-token -q worker)
  ssh_to $h2 docker swarm join --token "$token" --advertise-addr $h2 --data-path-addr $h2 $h1:2377 >/dev/null
  ssh_to $h3 docker swarm join --token "$token" --advertise-addr $h3 --data-path-addr $h3 $h1:2377 >/dev/null
  ssh_to $h1 docker network create --driver overlay --attachable --subnet 10.90.0.0/24 lab-overlay >/dev/null
  for h in $h1 $h2 $h3; do
    ssh_to $h docker network create --driver bridge --subnet 10.91.0.0/24 lab-bridge >/dev/null
  done
else
  for h in $h1 $h2 $h3; do ssh_to $h 'docker network rm lab-bridge >/dev/null 2>&1; true'; done
  ssh_to $h1 'docker network rm lab-overlay >/dev/null 2>&1; true'
  for h in $h3 $h2 $h1; do ssh_to $h 'docker swarm leave --force >/dev/null 2>&1; docker network rm docker_gwbridge >/dev/null 2>&1; true'; done
fi
