# swarmlab: the two set-up commands of the README, for a fresh Debian 12 machine as root.
#   make demo   three emulated hosts on this machine, the drivers lab deployed, probed and judged
#   make test   unit and integration tests (mvn -B verify; the page's own with npm test in web/)
SHELL := /bin/bash
MVN := mvn -B -Dstyle.color=never
export PATH := /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$(PATH)

# command:package pairs; a package is installed only when its command is missing.
NEEDS := java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless jlink:openjdk-17-jdk-headless mvn:maven \
         dockerd:docker.io containerd:containerd runc:runc \
         sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client \
         ip:iproute2 iptables:iptables nsenter:util-linux unshare:util-linux setsid:util-linux \
         mount:mount pgrep:procps bc:bc busybox:busybox-static strip:binutils \
         iperf3:iperf3 ping:iputils-ping chromium:chromium chromedriver:chromium-driver \
         node:nodejs npm:npm \
         debootstrap:debootstrap

.PHONY: deps build test demo bench catalog docs down clean

deps:
	@missing=""; \
	for pair in $(NEEDS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	missing=$$(echo $$missing | tr ' ' '\n' | sort -u | tr '\n' ' '); \
	if [ -n "$${missing// }" ]; then \
	  echo "make deps: installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "make deps: every Debian package swarmlab needs is installed"; \
	fi

build: deps
	$(MVN) -q -DskipTests package

test: deps
	$(MVN) verify

demo: build
	./swarmlab hosts up --count 3
	@status=0; ./swarmlab run labs/drivers.yaml || status=$$?; \
	./swarmlab report latest --html .swarmlab/drivers-report.html && \
	./swarmlab serve --detach || exit 1; \
	echo; \
	echo "The drivers lab ran on three emulated Docker hosts: overlay, user bridge, default bridge, host and none,"; \
	echo "every cell judged against what Docker's drivers promise. Open the page above for the topology, the matrices,"; \
	echo "the driver comparison and each cell's evidence; .swarmlab/drivers-report.html is the same page as one file."; \
	echo "'./swarmlab runs' lists the runs, 'make down' stops the page and the hosts."; \
	exit $$status

bench: build
	bash bench/hosts-up.sh
	bash bench/deploy.sh
	bash bench/matrix.sh
	bash bench/agent.sh
	bash bench/scale.sh
	bash bench/probes.sh
	bash bench/streams.sh
	-bash bench/differential.sh --minutes 5 # fresh seeds: a seed that finds a model error is printed, and the bench goes on

# `make catalog SUITE=sid`: every lab of labs/ on three emulated hosts of one Debian suite (bookworm, trixie
# or sid: that suite's Docker), a set of their own (prefix slcat), removed afterwards. Outside `make test`.
SUITE ?= bookworm
CATALOG_INVENTORY = $${SWARMLAB_HOME:-/var/lib/swarmlab}/slcat/inventory.yaml
catalog: build
	./swarmlab hosts up --count 3 --prefix slcat --subnet 10.247.0.0/24 --suite $(SUITE)
	@status=0; ./swarmlab run --all --labs labs --inventory $(CATALOG_INVENTORY) || status=$$?; \
	./swarmlab hosts down --prefix slcat; \
	echo "make catalog: the labs of labs/ on Debian $(SUITE)'s Docker, exit status $$status"; exit $$status

# docs/cli-reference.md from the commands' own help (CliReferenceTest fails when it is stale).
docs: build
	java -cp controller/target/swarmlab.jar dev.swarmlab.cli.CliReference docs/cli-reference.md

down:
	./swarmlab serve --stop
	./swarmlab hosts down

clean:
	$(MVN) -q clean
