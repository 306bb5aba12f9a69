#!/bin/bash
# The README's test command. On a new Debian 12 machine as root it does all the set-up itself:
#   1. installs what the tests need (JDK 17, Maven, Docker engine, debootstrap, PostgreSQL client, registry)
#   2. starts a private dockerd (overlay2, falling back to vfs) and a registry on 127.0.0.1:5000
#   3. builds the PostgreSQL stand-in image (rootfs cached in /var/cache/kaspa-aio-test) and pushes it
#      to the registry so that real pulls with progress can be tested
#   4. runs `mvn verify` (unit tests, then engine and UI tests against the real engine)
#   5. removes the containers, volumes and network the tests created and stops the daemon and registry,
#      also when a step fails.
# Extra arguments go to Maven, e.g. `-Dit.test=ProvisionIT`.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
export KASPA_AIO_TEST_STATE="${KASPA_AIO_TEST_STATE:-/var/lib/kaspa-aio-test}"
export KASPA_AIO_TEST_CACHE="${KASPA_AIO_TEST_CACHE:-/var/cache/kaspa-aio-test}"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin:$PATH"  # Debian's docker client, matching its engine

log() { printf '[test-setup] %s\n' "$*" >&2; }

# ---- 1. packages ----
packages=(openjdk-17-jdk-headless maven docker.io debootstrap postgresql-client docker-registry
          iptables ca-certificates curl libfreetype6 libfontconfig1 fonts-dejavu-core libgtk-3-0 libgl1 docker-compose)
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
registry_pid=""
cleanup() {
	rc=$?
	set +e
	if [ -n "${DOCKER_HOST:-}" ]; then
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
	[ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null
	bash "$here/dockerd.sh" stop
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DOCKER_HOST=$(bash "$here/dockerd.sh" start)
export DOCKER_HOST
log "engine: $DOCKER_HOST ($(docker version --format '{{.Server.Version}}'))"

# ---- 3. stand-in image ----
image=$(bash "$here/standin/build-image.sh")
export KASPA_AIO_TEST_IMAGE="$image"

# The registry's storage is keyed by the image tag, so a rebuilt stand-in never leaves old copies behind.
registry_dir="$KASPA_AIO_TEST_STATE/registry/${image##*:}"
find "$KASPA_AIO_TEST_STATE/registry" -mindepth 1 -maxdepth 1 ! -path "$registry_dir" -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$registry_dir"
cat > "$KASPA_AIO_TEST_STATE/registry.yml" <<YML
version: 0.1
log: { level: error }
storage: { filesystem: { rootdirectory: $registry_dir }, delete: { enabled: true } }
http: { addr: 127.0.0.1:5000 }
YML
docker-registry serve "$KASPA_AIO_TEST_STATE/registry.yml" >"$KASPA_AIO_TEST_STATE/registry.log" 2>&1 &
registry_pid=$!
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

# ---- 4. the tests ----
cd "$repo"
mvn -B -ntp verify "$@"
