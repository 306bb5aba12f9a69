#!/bin/bash
# Builds the PostgreSQL stand-in image (DESIGN §5) on the daemon at $DOCKER_HOST and prints its tag.
# No registry is reachable here, so the image comes from Debian packages via debootstrap; the rootfs is
# cached under $KASPA_AIO_TEST_CACHE so only the first run on a machine pays for debootstrap.
#   build-image.sh [--variant NAME]
#   build-image.sh --pooler      the PgBouncer stand-in from the same rootfs: runs 'pgbouncer <ini>' as
#                                user postgres, like the default pooler image (Debian's PgBouncer 1.18)
#   build-image.sh --exporter    the postgres_exporter stand-in (Debian's 0.11): entrypoint the exporter, user
#                                nobody, port 9187, DATA_SOURCE_URI/USER/PASS_FILE like the real image
#   build-image.sh --pooler-exporter  the pgbouncer-exporter stand-in: pgbouncer-exporter.sh as /bin/pgbouncer_exporter
#                                (flags, PGPASSFILE, port 9127 and metric names of prometheuscommunity/pgbouncer-exporter)
#   build-image.sh --volume-exporter  the node exporter stand-in (Debian's 1.5): entrypoint the exporter, user nobody, port 9100
#   build-image.sh --prometheus  the Prometheus stand-in (Debian's 2.42): entrypoint prometheus, user nobody,
#                                data in /prometheus, like prom/prometheus
# A variant carries a marker file, so its single layer differs from the plain image's: pulling it from
# the test registry downloads the whole layer (with progress) instead of finding it already present.
set -Eeuo pipefail
variant=""
pooler=""
if [ "${1:-}" = "--variant" ]; then variant="$2"; fi
monitoring=""
if [ "${1:-}" = "--pooler" ]; then pooler=1; fi
case "${1:-}" in --exporter | --prometheus | --pooler-exporter | --volume-exporter) monitoring="${1#--}" ;; esac
packages=postgresql-15,postgresql-client-15,pgbouncer,prometheus,prometheus-postgres-exporter,prometheus-node-exporter,socat
here=$(cd "$(dirname "$0")" && pwd)
cache="${KASPA_AIO_TEST_CACHE:-/var/cache/kaspa-aio-test}"
rootfs="$cache/standin-rootfs"
# what no stand-in runs: Prometheus's web UI libraries, documentation, manuals and translations (~290 MB)
lean="--exclude=./usr/share/javascript --exclude=./usr/share/doc --exclude=./usr/share/man --exclude=./usr/share/locale"
mkdir -p "$cache"

digest=$(cat "$here/docker-entrypoint.sh" "$here/pgbouncer-exporter.sh" "$here/build-image.sh" | sha256sum | cut -c1-12)
tag="kaspa-aio-standin/postgres:15-$digest${variant:+-$variant}"
[ -n "$pooler" ] && tag="kaspa-aio-standin/pgbouncer:1.18-$digest"
[ "$monitoring" = exporter ] && tag="kaspa-aio-standin/postgres-exporter:0.11-$digest"
[ "$monitoring" = prometheus ] && tag="kaspa-aio-standin/prometheus:2.42-$digest"
[ "$monitoring" = pooler-exporter ] && tag="kaspa-aio-standin/pgbouncer-exporter:0.9-$digest"
[ "$monitoring" = volume-exporter ] && tag="kaspa-aio-standin/node-exporter:1.5-$digest"
# the marker names the packages, so a rootfs cached before one was added is built again
marker="$rootfs/.complete-$(echo "$packages" | sha256sum | cut -c1-8)"
if [ ! -f "$marker" ]; then
	rm -rf "$rootfs"
	echo "debootstrap: building the stand-in rootfs in $rootfs (first run only)" >&2
	debootstrap --variant=minbase --include="$packages" \
		bookworm "$rootfs" http://deb.debian.org/debian >&2
	# The package's own cluster and caches are dead weight in the image.
	rm -rf "$rootfs/var/lib/postgresql/15" "$rootfs/etc/postgresql/15" \
		"$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
	touch "$marker"
fi
# What the images add to Debian's files, put in once (idempotent: an up-to-date rootfs is not touched, so
# builds of several images from it can run side by side while each tars it)
[ -n "$variant" ] || [ -n "$pooler$monitoring" ] || [ ! -f "$rootfs/etc/kaspa-aio-image-variant" ] || rm -f "$rootfs/etc/kaspa-aio-image-variant"
cmp -s "$here/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh" \
	|| install -m 0755 "$here/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
cmp -s "$here/pgbouncer-exporter.sh" "$rootfs/bin/pgbouncer_exporter" || install -m 0755 "$here/pgbouncer-exporter.sh" "$rootfs/bin/pgbouncer_exporter"
for d in docker-entrypoint-initdb.d var/lib/postgresql/data prometheus; do
	[ -d "$rootfs/$d" ] || mkdir -p "$rootfs/$d"
done
[ "$(stat -c %u "$rootfs/prometheus")" = 65534 ] || chown 65534:65534 "$rootfs/prometheus"

if docker image inspect "$tag" >/dev/null 2>&1; then
	echo "$tag"
	exit 0
fi

# the same rootfs, another program: prune what else of ours is older than this build
import_as() {
	local repo="${tag%%:*}"
	tar -C "$rootfs" --exclude='./.complete*' --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' $lean -c . \
		| docker import -c 'ENV LANG=C.UTF-8' "$@" - "$tag" >&2
	docker images --format '{{.Repository}}:{{.Tag}}' "$repo" | grep -v -- "-$digest" | xargs -r docker rmi >/dev/null 2>&1 || true
	echo "$tag"
}
if [ "$monitoring" = exporter ]; then
	import_as -c 'USER nobody' -c 'ENTRYPOINT ["/usr/bin/prometheus-postgres-exporter"]' -c 'EXPOSE 9187'
	exit 0
fi
if [ "$monitoring" = pooler-exporter ]; then
	import_as -c 'USER nobody' -c 'ENTRYPOINT ["/bin/pgbouncer_exporter"]' -c 'EXPOSE 9127'
	exit 0
fi
if [ "$monitoring" = volume-exporter ]; then
	import_as -c 'USER nobody' -c 'ENTRYPOINT ["/usr/bin/prometheus-node-exporter"]' -c 'EXPOSE 9100'
	exit 0
fi
if [ "$monitoring" = prometheus ]; then
	import_as -c 'USER nobody' -c 'WORKDIR /prometheus' -c 'ENTRYPOINT ["/usr/bin/prometheus"]' \
		-c 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' -c 'EXPOSE 9090' \
		-c 'VOLUME /prometheus'
	exit 0
fi
if [ -n "$pooler" ]; then
	tar -C "$rootfs" --exclude='./.complete*' --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' $lean -c . \
		| docker import \
			-c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
			-c 'ENV LANG=C.UTF-8' \
			-c 'USER postgres' \
			-c 'CMD ["pgbouncer", "/etc/pgbouncer/pgbouncer.ini"]' \
			-c 'EXPOSE 6432' \
			- "$tag" >&2
	docker images --format '{{.Repository}}:{{.Tag}}' kaspa-aio-standin/pgbouncer | grep -v -- "-$digest" \
		| xargs -r docker rmi >/dev/null 2>&1 || true
	echo "$tag"
	exit 0
fi

[ -n "$variant" ] && echo "$variant" > "$rootfs/etc/kaspa-aio-image-variant"
tar -C "$rootfs" --exclude='./.complete*' --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' $lean -c . \
	| docker import \
		-c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		-c 'ENV PGDATA=/var/lib/postgresql/data' \
		-c 'ENV PG_MAJOR=15' \
		-c 'ENV LANG=C.UTF-8' \
		-c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
		-c 'CMD ["postgres"]' \
		-c 'EXPOSE 5432' \
		-c 'VOLUME /var/lib/postgresql/data' \
		- "$tag" >&2
# Older builds of the stand-in are dead weight in the cached data root.
docker images --format '{{.Repository}}:{{.Tag}}' kaspa-aio-standin/postgres | grep -v -- "-$digest" \
	| xargs -r docker rmi >/dev/null 2>&1 || true
rm -f "$rootfs/etc/kaspa-aio-image-variant"
echo "$tag"
