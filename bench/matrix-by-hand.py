#!/usr/bin/env python3
"""The baseline for bench/matrix.sh: the probes of a swarmlab report done the way the course
notes do them, one `ssh HOST docker exec CONTAINER ping/nc/nslookup ...` after another.
Each agent gets a busybox sidecar in its network namespace (docker run --network container:AGENT),
so the commands take the agent's own path. Usage: matrix-by-hand.py INVENTORY_DIR REPORT.json EVERY
runs every EVERY-th cell and prints: cells-run seconds-taken."""
import json, subprocess, sys, time

inventory, report, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
hosts = {"h%d" % i: "10.250.0.%d" % (10 + i) for i in range(1, 13)}

def ssh(host, command):
    return subprocess.run(["ssh", "-i", inventory + "/id_ed25519", "-o", "UserKnownHostsFile=" + inventory + "/known_hosts",
                           "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "root@" + hosts[host], command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode

def command(cell):
    """The by-hand way of each probe kind a lab can have; a kind it does not know stops the benchmark, named."""
    target, port = cell["dial"], cell["port"]
    commands = {
        "icmp": "ping -c 3 -W 1 %s" % target,
        "tcp": "nc -w 3 %s %d </dev/null" % (target, port),
        "udp": "echo x | nc -u -w 1 %s %d" % (target, port),
        "dns": "nslookup %s" % target,
        "http": "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 %s %d" % (target, port),
        # 20 echoes 0.2 s apart: the latency probe's own sample
        "latency": "ping -c 20 -i 0.2 -W 1 %s" % target,
        # about a second of TCP at full speed into the agent's echo port (it reads what it is sent)
        "throughput": "sh -c 'dd if=/dev/zero bs=65536 count=1600 2>/dev/null | nc -w 3 %s %d >/dev/null'" % (target, port or 7000),
        # one full-size datagram (1500 less IP and ICMP headers)
        "mtu": "ping -c 1 -W 1 -s 1472 %s" % target,
    }
    if cell["probe"] not in commands:
        sys.exit("matrix-by-hand.py: no by-hand command for the probe kind %r (cell %s)" % (cell["probe"], cell["id"]))
    return commands[cell["probe"]]

cells = json.load(open(report))["cells"][::every]
start = time.time()
for cell in cells:
    ssh(cell["sourceHost"], "docker exec sc-%s %s" % (cell["source"], command(cell)))
print(len(cells), time.time() - start)
