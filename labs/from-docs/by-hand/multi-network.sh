. "$(dirname "${BASH_SOURCE[0]}")/swarm.sh"
busybox_image 1 2
SRV='nc -ll -p 7000 -e hostname'
swarm_up
run 1 docker network create -d bridge --subnet 10.115.0.0/24 front
run 1 docker network create -d bridge --internal --subnet 10.116.0.0/24 back
run 1 docker network create -d overlay --attachable --subnet 10.117.0.0/24 ov-a
run 1 docker network create -d overlay --attachable --subnet 10.118.0.0/24 ov-b
run 1 docker run -d --name gateway --hostname gateway --network front busybox:local $SRV
run 1 docker network connect back gateway
run 1 docker run -d --name web --hostname web --network front busybox:local $SRV
run 1 docker run -d --name db --hostname db --network back busybox:local $SRV
run 1 docker run -d --name left --hostname left --network ov-a busybox:local $SRV
run 2 docker run -d --name right --hostname right --network ov-b busybox:local $SRV
sleep 3
run 1 'docker inspect -f "{{.Name}}: {{range \$n, \$e := .NetworkSettings.Networks}}{{\$n}}={{\$e.IPAddress}} {{end}}" gateway web db left'
run 2 'docker inspect -f "{{.Name}}: {{range \$n, \$e := .NetworkSettings.Networks}}{{\$n}}={{\$e.IPAddress}} {{end}}" right'
echo "## gateway, on front and back, reaches both sides"
run 1 docker exec gateway nc -w 2 web 7000
run 1 docker exec gateway nc -w 2 db 7000
echo "## web and db share no network: neither the name nor the address"
run 1 docker exec web nc -w 2 db 7000
DB=$(h 1 'docker inspect -f "{{(index .NetworkSettings.Networks \"back\").IPAddress}}" db')
run 1 docker exec web nc -w 2 $DB 7000
echo "## egress belongs to the container: gateway goes out through front, db (internal only) does not"
run 1 "docker exec gateway $GET"
run 1 "docker exec db $GET"
run 1 docker exec gateway ip route
echo "## two overlays are kept apart: left (ov-a, h1) and right (ov-b, h2)"
RIGHT=$(h 2 'docker inspect -f "{{(index .NetworkSettings.Networks \"ov-b\").IPAddress}}" right')
run 1 docker exec left nc -w 3 $RIGHT 7000
run 1 docker exec left nslookup right 127.0.0.11
echo "## clean up"
run 1 docker rm -f gateway web db left; run 2 docker rm -f right
run 1 docker network rm front back ov-a ov-b
swarm_down
