. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
swarm_up() {
  run 1 docker swarm init --advertise-addr 10.250.0.11 --data-path-addr 10.250.0.11
  t=$(h 1 docker swarm join-token -q worker)
  echo "h2\$ docker swarm join --token <worker token> --advertise-addr 10.250.0.12 10.250.0.11:2377"
  h 2 docker swarm join --token $t --advertise-addr 10.250.0.12 --data-path-addr 10.250.0.12 10.250.0.11:2377 2>&1 | sed 's/^/  /'
}
swarm_down() { h 2 docker swarm leave --force >/dev/null 2>&1; h 1 docker swarm leave --force >/dev/null 2>&1; }
