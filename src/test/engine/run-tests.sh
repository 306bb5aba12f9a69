#!/bin/bash
# The README's test command. On a new Debian 12 machine as root it does all the set-up itself
# (engine.sh up):
#   1. installs what the tests need (JDK 17, Maven, Docker engine, debootstrap, PostgreSQL client, registry)
#   2. starts a private dockerd (overlay2, falling back to vfs) and a registry on 127.0.0.1:5000, Podman's
#      service in a network namespace of its own, and a remote engine in another
#   3. builds the PostgreSQL stand-in image (rootfs cached in /var/cache/kaspa-aio-test) and pushes a
#      variant to the registry so that real pulls with progress can be tested
# then runs `mvn -Pinstaller package` (unit tests, the jar and the jpackage installers) and the engine tests:
# the engine, UI and installer tests on dockerd and the Podman subset on Podman at the same time (each
# engine's ports are on its own namespace's 127.0.0.1; the two runs are failsafe's two executions, which
# `mvn verify` runs one after the other). The Podman run's output follows the dockerd run's.
# At the end, also when a step fails, it removes what the tests created and stops the daemons and
# registries (engine.sh down). Extra arguments go to Maven, e.g. `-Dit.test=ProvisionIT`.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin:$PATH"

podman_run=
stop() {
	if [ -n "$podman_run" ]; then kill -- "-$podman_run" 2>/dev/null || true; wait "$podman_run" 2>/dev/null || true; fi
	bash "$here/engine.sh" down
}
trap stop EXIT
trap 'exit 130' INT TERM
eval "$(bash "$here/engine.sh" up)"
cd "$repo"
mvn -B -ntp -Pinstaller package "$@"

podman_log=target/podman-tests.log
set -m  # the Podman run in a process group of its own, so that a stop ends its Maven and test JVM together
mvn -B -ntp failsafe:integration-test@podman failsafe:verify@podman "$@" >"$podman_log" 2>&1 &
podman_run=$!
set +m
dockerd_rc=0
mvn -B -ntp -Pinstaller failsafe:integration-test failsafe:verify "$@" || dockerd_rc=$?
podman_rc=0
wait "$podman_run" || podman_rc=$?
podman_run=
echo "---------------- the same time on Podman (the failsafe execution 'podman'; $podman_log) ----------------"
cat "$podman_log"
echo "[tests] dockerd run: exit $dockerd_rc; Podman run: exit $podman_rc"
[ "$dockerd_rc" = 0 ] && [ "$podman_rc" = 0 ]
