. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
busybox_image 1 2
SRV='nc -ll -p 7000 -e hostname'
run 1 docker network create -d bridge --subnet 10.110.0.0/24 -o com.docker.network.bridge.enable_icc=false no-icc
run 1 docker network create -d bridge --subnet 10.111.0.0/24 -o com.docker.network.bridge.enable_ip_masquerade=false no-masq
run 1 docker network create -d bridge --subnet 10.112.0.0/24 -o com.docker.network.bridge.host_binding_ipv4=127.0.0.1 bind-local
run 1 docker network create -d bridge --subnet 10.123.0.0/24 plain
run 1 docker run -d --name icc-b --hostname icc-b --network no-icc busybox:local $SRV
run 1 docker run -d --name web --hostname web --network bind-local -p 8090:7000 busybox:local $SRV
sleep 1
run 1 'docker inspect -f "{{range \$n, \$e := .NetworkSettings.Networks}}{{\$n}}={{\$e.IPAddress}} {{end}}" icc-b'
echo "## no-icc: another container on the same bridge, by name and by address"
run 1 docker run --rm --network no-icc busybox:local nc -w 2 icc-b 7000
run 1 docker run --rm --network no-icc busybox:local nc -w 2 10.110.0.2 7000
run 1 docker run --rm --network no-icc busybox:local nslookup icc-b 127.0.0.11
echo "## no-icc: the host's own address (not inter-container)"
run 1 "docker run --rm --network no-icc busybox:local $SSH22"
echo "## no-masq: the outside (10.250.0.2:80) without NAT, and from a plain bridge"
run 1 "docker run --rm --network no-masq busybox:local $GET"
run 1 "docker run --rm --network plain busybox:local $GET"
run 1 "docker run --rm --network no-masq busybox:local $SSH22"
echo "## bind-local: -p 8090:7000 with no address binds host_binding_ipv4"
run 1 docker port web
run 1 busybox nc -w 2 127.0.0.1 8090
run 1 busybox nc -w 2 10.250.0.11 8090
run 2 busybox nc -w 2 10.250.0.11 8090
echo "## clean up"
run 1 docker rm -f icc-b web
run 1 docker network rm no-icc no-masq bind-local plain
