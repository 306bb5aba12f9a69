#!/bin/bash
# Brings the test engine up or down; used by run-tests.sh (the README's test command) and by the
# `bench` Maven profile.
#   engine.sh up [PROPERTIES_FILE]  installs packages, starts the private dockerd and the local registry,
#                                   builds the stand-in image; prints `export` lines for the shell and,
#                                   if given, writes the same settings as Java properties for Maven.
#   engine.sh down                  removes what the tests created, stops the registry and the daemon.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export KASPA_AIO_TEST_STATE="${KASPA_AIO_TEST_STATE:-/var/lib/kaspa-aio-test}"
export KASPA_AIO_TEST_CACHE="${KASPA_AIO_TEST_CACHE:-/var/cache/kaspa-aio-test}"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin:$PATH"  # Debian's docker client, matching its engine
registry_pidfile=/run/kaspa-aio-test/registry.pid
podman_pidfile=/run/kaspa-aio-test/podman.pid
podman_socket=/run/kaspa-aio-test/podman.sock
# Podman's service, the Podman run's test JVM (src/test/engine/podman-jvm/bin/java) and a registry of its own
# live in this network namespace: their 127.0.0.1 is not dockerd's, so the two engines' test runs publish the
# same ports side by side (run-tests.sh runs them at once)
podman_netns=kaspa-aio-podman
podman_registry_pidfile=/run/kaspa-aio-test/podman-registry.pid
in_podman_netns() { nsenter --net="/var/run/netns/$podman_netns" "$@"; }

log() { printf '[test-setup] %s\n' "$*" >&2; }

down() {
	set +e
	DOCKER_HOST=unix:///run/kaspa-aio-test/docker.sock
	export DOCKER_HOST
	if docker version >/dev/null 2>&1; then
		log "cleaning up containers, volumes and network created by the tests"
		ids=$(docker ps -aq --filter label=kaspa-aio.service; docker ps -aq --filter label=kaspa-aio-test)
		[ -n "$ids" ] && docker rm -f $ids >/dev/null
		for c in k-social-db simply-kaspa-db; do docker rm -f "$c" >/dev/null 2>&1; done
		vols=$(docker volume ls -q --filter label=kaspa-aio.service; docker volume ls -q --filter label=kaspa-aio-test)
		[ -n "$vols" ] && docker volume rm -f $vols >/dev/null
		for v in k-social-db-data simply-kaspa-db-data kasia-indexer-data; do docker volume rm -f "$v" >/dev/null 2>&1; done
		docker network rm kaspa-aio >/dev/null 2>&1
		docker volume prune -f >/dev/null 2>&1
	fi
	if [ -f "$registry_pidfile" ]; then kill "$(cat "$registry_pidfile")" 2>/dev/null || true; fi
	rm -f "$registry_pidfile"
	if [ -f "$podman_registry_pidfile" ]; then kill "$(cat "$podman_registry_pidfile")" 2>/dev/null || true; fi
	rm -f "$podman_registry_pidfile"
	if [ -f "$podman_pidfile" ]; then
		log "cleaning up what the tests created on Podman and stopping its service"
		# in Podman's namespace: removing a container also removes its port forwarding there
		local pm=(podman)
		[ -e "/var/run/netns/$podman_netns" ] && pm=(in_podman_netns podman)
		ids=$("${pm[@]}" ps -aq --filter label=kaspa-aio.service 2>/dev/null; "${pm[@]}" ps -aq --filter label=kaspa-aio-test 2>/dev/null)
		[ -n "$ids" ] && "${pm[@]}" rm -f $ids >/dev/null 2>&1
		vols=$("${pm[@]}" volume ls -q --filter label=kaspa-aio.service 2>/dev/null)
		[ -n "$vols" ] && "${pm[@]}" volume rm -f $vols >/dev/null 2>&1
		for v in k-social-db-data simply-kaspa-db-data kasia-indexer-data; do "${pm[@]}" volume rm -f "$v" >/dev/null 2>&1; done
		"${pm[@]}" network rm -f kaspa-aio >/dev/null 2>&1
		kill "$(cat "$podman_pidfile")" 2>/dev/null || true
		rm -f "$podman_pidfile" "$podman_socket"
	fi
	ip netns del "$podman_netns" 2>/dev/null
	# a package-test root a killed test run left mounted (DebPackageIT unmounts its own)
	awk '$2 ~ "^/var/tmp/kaspa-aio-package-root" {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
	bash "$here/remote-engine.sh" down
	bash "$here/dockerd.sh" stop
	return 0
}

up() {
	props="${1:-}"
	# ---- 1. packages ----
	packages=(openjdk-17-jdk-headless maven docker.io debootstrap postgresql-client docker-registry
	          iptables ca-certificates curl libfreetype6 libfontconfig1 fonts-dejavu-core libgtk-3-0 libgl1 docker-compose
	          libxtst6 libxxf86vm1 xvfb x11-utils fakeroot openssl podman golang-github-containernetworking-plugin-dnsname iproute2
	          mount e2fsprogs x11-apps netpbm)
	missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi

	# ---- 2. engine ----

	DOCKER_HOST=$(bash "$here/dockerd.sh" start)
	export DOCKER_HOST
	log "engine: $DOCKER_HOST ($(docker version --format '{{.Server.Version}}'))"

	# ---- 3. stand-in image ----
	image=$(bash "$here/standin/build-image.sh")
	export KASPA_AIO_TEST_IMAGE="$image"
	# the others from the same (now cached) rootfs, side by side: each is a tar of it into docker import
	for kind in pooler exporter pooler-exporter volume-exporter prometheus; do
		bash "$here/standin/build-image.sh" --$kind > "$KASPA_AIO_TEST_STATE/image-$kind" &
	done
	# the bare Debian the package test installs the .deb into (DebPackageIT), cached like the rootfs
	bash "$here/package-root.sh" > "$KASPA_AIO_TEST_STATE/package-root" &
	wait
	package_root=$(cat "$KASPA_AIO_TEST_STATE/package-root")
	[ -f "$package_root" ] || { log "building the package-test root failed"; exit 1; }
	pooler_image=$(cat "$KASPA_AIO_TEST_STATE/image-pooler")
	exporter_image=$(cat "$KASPA_AIO_TEST_STATE/image-exporter")
	pooler_exporter_image=$(cat "$KASPA_AIO_TEST_STATE/image-pooler-exporter")
	volume_exporter_image=$(cat "$KASPA_AIO_TEST_STATE/image-volume-exporter")
	prometheus_image=$(cat "$KASPA_AIO_TEST_STATE/image-prometheus")
	for i in "$pooler_image" "$exporter_image" "$pooler_exporter_image" "$volume_exporter_image" "$prometheus_image"; do
		[ -n "$i" ] || { log "building a stand-in image failed"; exit 1; }
	done
	export KASPA_AIO_TEST_POOLER_IMAGE="$pooler_image" KASPA_AIO_TEST_EXPORTER_IMAGE="$exporter_image"
	export KASPA_AIO_TEST_POOLER_EXPORTER_IMAGE="$pooler_exporter_image" KASPA_AIO_TEST_PROMETHEUS_IMAGE="$prometheus_image"
	export KASPA_AIO_TEST_VOLUME_EXPORTER_IMAGE="$volume_exporter_image"

	# The registry's storage is keyed by the image tag, so a rebuilt stand-in never leaves old copies behind.
	registry_dir="$KASPA_AIO_TEST_STATE/registry/${image##*:}"
	find "$KASPA_AIO_TEST_STATE/registry" -mindepth 1 -maxdepth 1 ! -path "$registry_dir" -exec rm -rf {} + 2>/dev/null || true
	mkdir -p "$registry_dir"
	cat > "$KASPA_AIO_TEST_STATE/registry.yml" <<-YML
	version: 0.1
	log: { level: error }
	storage: { filesystem: { rootdirectory: $registry_dir }, delete: { enabled: true } }
	http: { addr: 127.0.0.1:5000 }
	YML
	if [ -f "$registry_pidfile" ]; then kill "$(cat "$registry_pidfile")" 2>/dev/null || true; fi
	setsid docker-registry serve "$KASPA_AIO_TEST_STATE/registry.yml" >"$KASPA_AIO_TEST_STATE/registry.log" 2>&1 &
	echo $! > "$registry_pidfile"
	for _ in $(seq 1 50); do curl -fs http://127.0.0.1:5000/v2/ >/dev/null 2>&1 && break; sleep 0.1; done
	pull_image="127.0.0.1:5000/kaspa-aio/postgres:${image##*:}"
	if ! curl -fs "http://127.0.0.1:5000/v2/kaspa-aio/postgres/manifests/${image##*:}" \
			-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' >/dev/null 2>&1; then
		log "pushing a variant of the stand-in to the test registry as $pull_image"
		variant=$(bash "$here/standin/build-image.sh" --variant registry)
		docker tag "$variant" "$pull_image"
		docker push -q "$pull_image" >/dev/null
		docker rmi "$pull_image" "$variant" >/dev/null
	fi
	export KASPA_AIO_TEST_REGISTRY_IMAGE="$pull_image"
	log "stand-in image: $image (registry copy: $pull_image)"

	# ---- 4. Podman, the second engine the tests run on ----
	podman_up "$image" "$pooler_image" "$exporter_image" "$pooler_exporter_image" "$volume_exporter_image" "$prometheus_image"

	# ---- 5. a remote engine over TLS, in a network namespace ----
	remote=$(bash "$here/remote-engine.sh" up "$image" "$pooler_image")
	read -r remote_host remote_certs remote_netns <<< "$remote"

	printf 'export KASPA_AIO_TEST_PACKAGE_ROOT=%q\n' "$package_root"
	printf 'export DOCKER_HOST=%q KASPA_AIO_TEST_IMAGE=%q KASPA_AIO_TEST_REGISTRY_IMAGE=%q KASPA_AIO_TEST_PODMAN_HOST=%q KASPA_AIO_TEST_PODMAN_NETNS=%q KASPA_AIO_TEST_REMOTE_HOST=%q KASPA_AIO_TEST_REMOTE_CERTS=%q KASPA_AIO_TEST_REMOTE_NETNS=%q KASPA_AIO_TEST_POOLER_IMAGE=%q KASPA_AIO_TEST_EXPORTER_IMAGE=%q KASPA_AIO_TEST_POOLER_EXPORTER_IMAGE=%q KASPA_AIO_TEST_VOLUME_EXPORTER_IMAGE=%q KASPA_AIO_TEST_PROMETHEUS_IMAGE=%q\n' \
		"$DOCKER_HOST" "$image" "$pull_image" "unix://$podman_socket" "$podman_netns" "$remote_host" "$remote_certs" "$remote_netns" "$pooler_image" \
		"$exporter_image" "$pooler_exporter_image" "$volume_exporter_image" "$prometheus_image"
	if [ -n "$props" ]; then
		mkdir -p "$(dirname "$props")"
		printf 'KASPA_AIO_TEST_PACKAGE_ROOT=%s\n' "$package_root" > "$props"
		printf 'DOCKER_HOST=%s\nKASPA_AIO_TEST_IMAGE=%s\nKASPA_AIO_TEST_REGISTRY_IMAGE=%s\nKASPA_AIO_TEST_POOLER_IMAGE=%s\nKASPA_AIO_TEST_EXPORTER_IMAGE=%s\nKASPA_AIO_TEST_POOLER_EXPORTER_IMAGE=%s\nKASPA_AIO_TEST_VOLUME_EXPORTER_IMAGE=%s\nKASPA_AIO_TEST_PROMETHEUS_IMAGE=%s\n' \
			"$DOCKER_HOST" "$image" "$pull_image" "$pooler_image" "$exporter_image" "$pooler_exporter_image" "$volume_exporter_image" "$prometheus_image" >> "$props"
	fi
}

# Podman's Docker-compatible API on its own socket, with the stand-in image loaded into its store.
# These machines lack CAP_SYS_RESOURCE, so podman's default rlimits fail every start: set them (DESIGN §6).
podman_up() {
	mkdir -p /etc/containers/registries.conf.d /run/kaspa-aio-test
	if ! grep -qs 'default_ulimits' /etc/containers/containers.conf; then
		printf '[containers]\ndefault_ulimits = ["nofile=16384:16384", "nproc=32768:32768"]\n' >> /etc/containers/containers.conf
	fi
	# the loopback test registry speaks plain HTTP
	printf '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n' > /etc/containers/registries.conf.d/kaspa-aio-test.conf
	# a service left by an earlier run (it may have ended already: that is fine too)
	if [ -f "$podman_pidfile" ]; then kill "$(cat "$podman_pidfile")" 2>/dev/null || true; fi
	if [ -f "$podman_registry_pidfile" ]; then kill "$(cat "$podman_registry_pidfile")" 2>/dev/null || true; fi
	rm -f "$podman_socket"
	if [ ! -e "/var/run/netns/$podman_netns" ]; then
		ip netns add "$podman_netns"
		in_podman_netns ip link set lo up
	fi
	# only the network namespace (nsenter --net): 'ip netns exec' would also give the service a /sys without cgroups
	setsid nsenter --net="/var/run/netns/$podman_netns" podman system service --time=0 "unix://$podman_socket" \
		>"$KASPA_AIO_TEST_STATE/podman.log" 2>&1 &
	echo $! > "$podman_pidfile"
	# the same registry (same storage, read only from here) on the namespace's own 127.0.0.1:5000, for pulls
	setsid nsenter --net="/var/run/netns/$podman_netns" docker-registry serve "$KASPA_AIO_TEST_STATE/registry.yml" \
		>"$KASPA_AIO_TEST_STATE/podman-registry.log" 2>&1 &
	echo $! > "$podman_registry_pidfile"
	for _ in $(seq 1 100); do [ -S "$podman_socket" ] && break; sleep 0.1; done
	for _ in $(seq 1 50); do in_podman_netns curl -fs http://127.0.0.1:5000/v2/ >/dev/null 2>&1 && break; sleep 0.1; done
	local each
	for each in "$@"; do
		if ! podman image exists "localhost/$each" 2>/dev/null; then
			log "loading $each into Podman"
			docker save "$each" | podman load -q >/dev/null
		fi
	done
	log "podman: unix://$podman_socket, in network namespace $podman_netns ($(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version))"
}

case "${1:-}" in
	up) shift; up "$@" ;;
	down) down ;;
	*) echo "usage: $0 up [PROPERTIES_FILE] | down" >&2; exit 2 ;;
esac
