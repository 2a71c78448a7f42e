# Sourced by the by-hand checks of labs/from-docs: ssh to the emulated hosts h1, h2 (prefix sl, `swarmlab hosts up --count 2`), and a busybox image made from the machine's /bin/busybox (no registry here).
BYHAND="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
K=/var/lib/swarmlab/sl/id_ed25519; KH=/var/lib/swarmlab/sl/known_hosts
h() { local n=$1; shift; ssh -q -i $K -o UserKnownHostsFile=$KH -o BatchMode=yes root@10.250.0.1$n "$@"; }
# print a command as typed on host N, then its output and exit status
run() { local n=$1; shift; echo "h$n\$ $*"; h $n "$@" 2>&1 | sed 's/^/  /'; echo "  (exit ${PIPESTATUS[0]})"; }
busybox_image() {
  rm -rf /tmp/bb && mkdir -p /tmp/bb/bin /tmp/bb/etc && cp /bin/busybox /tmp/bb/bin/
  for a in sh nc ping nslookup hostname sleep ip cat head timeout printf; do ln -sf busybox /tmp/bb/bin/$a; done
  for n in "$@"; do tar -C /tmp/bb -c . | h $n "docker import -c 'CMD [\"sh\"]' - busybox:local" >/dev/null; done
}
# in a busybox container: the outside stand-in's first line of HTTP, and the first line sshd on h1 says
GET='sh -c "printf \"GET / HTTP/1.0\r\n\r\n\" | nc -w 3 10.250.0.2 80 | head -1"'
SSH22='sh -c "timeout 3 nc 10.250.0.11 22 | head -1"'
