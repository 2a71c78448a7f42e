. "$(dirname "${BASH_SOURCE[0]}")/swarm.sh"
busybox_image 1 2
PY="-v /usr:/usr:ro -v /lib:/lib:ro -v /lib64:/lib64:ro -v $BYHAND:/srv:ro"
swarm_up
run 1 docker network create -d bridge --subnet 10.121.0.0/24 pub-bridge
run 1 docker network create -d overlay --subnet 10.122.0.0/24 swarm-only
echo "(the UDP responder is python3 from the host's /usr, mounted read-only into a busybox container; it answers with its hostname)"
run 1 docker run -d --name dns-like --hostname dns-like --network pub-bridge -p 9053:7001/udp $PY busybox:local /usr/bin/python3 /srv/udp-echo.py
sleep 2
run 1 docker port dns-like
echo "## from the other host, at h1's address"
run 2 python3 $BYHAND/udp-ask.py 10.250.0.11 9053
echo "## from h1's own stack, at its address and at 127.0.0.1"
run 1 python3 $BYHAND/udp-ask.py 10.250.0.11 9053
run 1 python3 $BYHAND/udp-ask.py 127.0.0.1 9053
echo "## from a container on the same host and bridge, through the host's address"
run 1 docker run --rm --network pub-bridge $PY busybox:local /usr/bin/python3 /srv/udp-ask.py 10.250.0.11 9053
echo "## a port not published does not answer"
run 2 python3 $BYHAND/udp-ask.py 10.250.0.11 9054
echo "## a plain container on an overlay that is not attachable is refused"
run 1 docker run -d --name stray --network swarm-only busybox:local sleep 60
echo "## clean up"
run 1 docker rm -f dns-like stray
run 1 docker network rm pub-bridge swarm-only
swarm_down
