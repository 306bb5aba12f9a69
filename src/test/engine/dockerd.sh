#!/bin/bash
# Starts or stops the private Docker engine the tests talk to (DESIGN §5).
#   dockerd.sh start   -> prints the DOCKER_HOST to export
#   dockerd.sh stop
# It never touches a system dockerd: its own socket, data root, exec root and pid file.
set -Eeuo pipefail
state="${KASPA_AIO_TEST_STATE:-/var/lib/kaspa-aio-test}"
run=/run/kaspa-aio-test
sock="$run/docker.sock"
pidfile="$run/dockerd.pid"
log="$state/dockerd.log"

start() {
	mkdir -p "$state" "$run"
	if [ -S "$sock" ] && DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; then
		echo "unix://$sock"; return 0
	fi
	for driver in overlay2 vfs; do
		rm -f "$sock" "$pidfile"
		dockerd --storage-driver="$driver" --data-root "$state/docker-$driver" --exec-root "$run/exec" \
			--pidfile "$pidfile" -H "unix://$sock" >"$log" 2>&1 &
		for _ in $(seq 1 150); do
			if DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; then
				echo "dockerd running with storage driver $driver" >&2
				echo "unix://$sock"; return 0
			fi
			kill -0 $! 2>/dev/null || break
			sleep 0.2
		done
		echo "dockerd with $driver did not come up; last log lines:" >&2
		tail -5 "$log" >&2 || true
		kill $! 2>/dev/null || true; wait $! 2>/dev/null || true
	done
	echo "could not start dockerd" >&2
	return 1
}

stop() {
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$pidfile"
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
