# swarmlab: the two set-up commands of the README, for a fresh Debian 12 machine as root.
#   make demo   emulated hosts on this machine (the whole lab and its report as later parts land)
#   make test   unit and integration tests (mvn -B verify)
SHELL := /bin/bash
MVN := mvn -B -Dstyle.color=never
export PATH := /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$(PATH)

# command:package pairs; a package is installed only when its command is missing.
NEEDS := java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless jlink:openjdk-17-jdk-headless mvn:maven \
         dockerd:docker.io containerd:containerd runc:runc \
         sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client \
         ip:iproute2 iptables:iptables nsenter:util-linux unshare:util-linux setsid:util-linux \
         mount:mount pgrep:procps bc:bc busybox:busybox-static

.PHONY: deps build test demo bench down clean

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
	./swarmlab deploy labs/drivers.yaml
	./swarmlab inspect labs/drivers.yaml
	@echo
	@echo "The drivers lab is deployed on three emulated Docker hosts: a swarm, an overlay and a bridge on each host."
	@echo "Reach a host with the ssh line printed above; './swarmlab destroy labs/drivers.yaml' removes the lab,"
	@echo "'./swarmlab hosts down' removes the hosts."

bench: build
	bash bench/hosts-up.sh
	bash bench/deploy.sh

down:
	./swarmlab hosts down

clean:
	$(MVN) -q clean
