#!/bin/bash
# A second "host" for the remote-engine tests: a dockerd in a network namespace of our own, reachable
# from this machine only over a veth pair we create (10.213.77.1 here, 10.213.77.2 there: the addresses of
# our own test host, nothing outside), listening on TCP with TLS certificates generated here (a CA, a
# server certificate for 10.213.77.2, a client certificate), plus a unix socket for loading images.
#   remote-engine.sh up IMAGE   prints the engine address and the client certificate directory
#   remote-engine.sh down
set -Eeuo pipefail
state="${KASPA_AIO_TEST_STATE:-/var/lib/kaspa-aio-test}/remote"
run=/run/kaspa-aio-test
ns=kaspa-aio-remote
here_ip=10.213.77.1
there_ip=10.213.77.2
sock="$run/remote.sock"
pidfile="$run/remote-dockerd.pid"
certs="$state/certs"

log() { printf '[test-setup] %s\n' "$*" >&2; }

make_certs() {
	[ -f "$certs/client/key.pem" ] && return 0
	mkdir -p "$certs/client"
	(
		cd "$certs"
		openssl genrsa -out ca-key.pem 2048 2>/dev/null
		openssl req -x509 -new -key ca-key.pem -days 3650 -subj "/CN=kaspa-aio test CA" -out ca.pem 2>/dev/null
		openssl genrsa -out server-key.pem 2048 2>/dev/null
		openssl req -new -key server-key.pem -subj "/CN=$there_ip" -out server.csr 2>/dev/null
		printf 'subjectAltName = IP:%s\nextendedKeyUsage = serverAuth\n' "$there_ip" > server.ext
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile server.ext -out server-cert.pem 2>/dev/null
		openssl genrsa -out client/key.pem 2048 2>/dev/null
		openssl req -new -key client/key.pem -subj "/CN=kaspa-aio tests" -out client.csr 2>/dev/null
		printf 'extendedKeyUsage = clientAuth\n' > client.ext
		openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile client.ext -out client/cert.pem 2>/dev/null
		cp ca.pem client/ca.pem
		chmod 600 ca-key.pem server-key.pem client/key.pem
	)
}

up() {
	mkdir -p "$state" "$run"
	make_certs
	if ! ip netns list | grep -qw "$ns"; then
		ip netns add "$ns"
		ip link add kaspa-h type veth peer name kaspa-r
		ip link set kaspa-r netns "$ns"
		ip addr add "$here_ip/30" dev kaspa-h
		ip link set kaspa-h up
		ip netns exec "$ns" ip addr add "$there_ip/30" dev kaspa-r
		ip netns exec "$ns" ip link set kaspa-r up
		ip netns exec "$ns" ip link set lo up
	fi
	if ! { [ -S "$sock" ] && DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; }; then
		local driver
		driver=$(docker info --format '{{.Driver}}')
		rm -f "$sock" "$pidfile"
		# only the network namespace: 'ip netns exec' would also give dockerd a /sys without the cgroup mounts
		setsid nsenter --net="/var/run/netns/$ns" dockerd --storage-driver="$driver" --data-root "$state/docker-$driver" \
			--exec-root "$run/remote-exec" --pidfile "$pidfile" -H "unix://$sock" -H "tcp://$there_ip:2376" \
			--tlsverify --tlscacert "$certs/ca.pem" --tlscert "$certs/server-cert.pem" --tlskey "$certs/server-key.pem" \
			>"$state/dockerd.log" 2>&1 &
		for _ in $(seq 1 150); do
			DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1 && break
			sleep 0.2
		done
		DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1 || { tail -5 "$state/dockerd.log" >&2; return 1; }
	fi
	for image in "$@"; do
		if ! DOCKER_HOST="unix://$sock" docker image inspect "$image" >/dev/null 2>&1; then
			log "loading $image into the remote engine"
			docker save "$image" | DOCKER_HOST="unix://$sock" docker load -q >/dev/null
		fi
	done
	log "remote engine: tcp://$there_ip:2376 (TLS, in network namespace $ns)"
	printf 'tcp://%s:2376 %s %s\n' "$there_ip" "$certs/client" "$ns"
}

down() {
	set +e
	if DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; then
		ids=$(DOCKER_HOST="unix://$sock" docker ps -aq)
		[ -n "$ids" ] && DOCKER_HOST="unix://$sock" docker rm -f $ids >/dev/null
		DOCKER_HOST="unix://$sock" docker volume prune -f >/dev/null 2>&1
		DOCKER_HOST="unix://$sock" docker network rm kaspa-aio >/dev/null 2>&1
	fi
	if [ -f "$pidfile" ]; then
		pid=$(cat "$pidfile")
		kill "$pid" 2>/dev/null
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
		rm -f "$pidfile"
	fi
	ip link del kaspa-h 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	return 0
}

case "${1:-}" in
	up) shift; up "$@" ;;
	down) down ;;
	*) echo "usage: $0 up IMAGE | down" >&2; exit 2 ;;
esac
