. "$(dirname "${BASH_SOURCE[0]}")/swarm.sh"
busybox_image 1 2
SRV='nc -ll -p 7000 -e hostname'
swarm_up
run 1 docker network create -d bridge --subnet 10.119.0.0/24 alias-bridge
run 1 docker network create -d overlay --attachable --subnet 10.120.0.0/24 alias-overlay
run 1 docker run -d --name api-1 --hostname api-1 --network alias-bridge --network-alias api busybox:local $SRV
run 1 docker network connect --alias svc alias-overlay api-1
run 1 docker run -d --name api-2 --hostname api-2 --network alias-bridge --network-alias api busybox:local $SRV
run 2 docker run -d --name svc-2 --hostname svc-2 --network alias-overlay --network-alias svc busybox:local $SRV
sleep 3
echo "## the embedded DNS answers the shared alias with both containers"
run 1 docker run --rm --network alias-bridge busybox:local nslookup api 127.0.0.11
run 1 docker run --rm --network alias-overlay busybox:local nslookup svc 127.0.0.11
echo "## who answers by the alias: one of them each time"
for i in 1 2 3 4 5 6; do run 1 docker run --rm --network alias-bridge busybox:local nc -w 2 api 7000; done
for i in 1 2 3 4; do run 2 docker run --rm --network alias-overlay busybox:local nc -w 3 svc 7000; done
echo "## by their own names, each answers itself"
run 1 docker run --rm --network alias-bridge busybox:local nc -w 2 api-2 7000
echo "## clean up"
run 1 docker rm -f api-1 api-2; run 2 docker rm -f svc-2
run 1 docker network rm alias-bridge alias-overlay
swarm_down
