. "$(dirname "${BASH_SOURCE[0]}")/swarm.sh"
busybox_image 1 2
SRV='nc -ll -p 7000 -e hostname'
swarm_up
run 1 docker network create -d bridge --internal --subnet 10.113.0.0/24 closed-bridge
run 1 docker network create -d overlay --attachable --internal --subnet 10.114.0.0/24 closed-overlay
run 1 'docker network inspect -f "{{.Name}} internal={{.Internal}} {{.IPAM.Config}}" closed-bridge closed-overlay'
run 1 docker run -d --name cb-1 --hostname cb-1 --network closed-bridge busybox:local $SRV
run 1 docker run -d --name co-1 --hostname co-1 --network closed-overlay busybox:local $SRV
run 2 docker run -d --name co-2 --hostname co-2 --network closed-overlay busybox:local $SRV
sleep 3
echo "## the network itself: same host on the bridge, across hosts on the overlay, by name"
run 1 docker run --rm --network closed-bridge busybox:local nc -w 2 cb-1 7000
run 2 docker run --rm --network closed-overlay busybox:local nc -w 3 co-1 7000
run 1 docker run --rm --network closed-overlay busybox:local nc -w 3 co-2 7000
echo "## no way out: the outside and the host's own address"
run 1 "docker run --rm --network closed-bridge busybox:local $GET"
run 1 "docker run --rm --network closed-overlay busybox:local $GET"
run 1 "docker run --rm --network closed-bridge busybox:local $SSH22"
run 1 "docker run --rm --network closed-overlay busybox:local $SSH22"
echo "## towards its own host through the network's gateway address"
run 1 "docker run --rm --network closed-bridge busybox:local sh -c \"timeout 3 nc 10.113.0.1 22 | head -1\""
run 1 "docker run --rm --network closed-overlay busybox:local sh -c \"timeout 3 nc 10.114.0.1 22 | head -1\""
run 1 docker run --rm --network closed-bridge busybox:local ip route
run 1 docker run --rm --network closed-overlay busybox:local ip route
echo "## clean up"
run 1 docker rm -f cb-1 co-1; run 2 docker rm -f co-2
run 1 docker network rm closed-bridge closed-overlay
swarm_down
