#!/bin/bash
# kaspa-aio: seeds a read replica's data directory from its running primary.
# Runs as root in the database's own image (so pg_basebackup matches the server), with the replica's
# volume at PGDATA and the replication role's password file at $PASSFILE_SOURCE.
#   seed-replica.sh <primary host> <slot> <replication user> keep|fresh
# keep:  a volume that already holds a finished copy is left alone (the replica resumes streaming);
# fresh: the old copy is discarded first (its slot was invalidated: the WAL it needs is gone).
# A copy is finished once standby.signal exists: it is written last, so a copy interrupted halfway is
# never taken for a finished one.
set -Eeuo pipefail
primary="$1" slot="$2" user="$3" mode="${4:-keep}"
data="${PGDATA:-/var/lib/postgresql/data}"
PASSFILE_SOURCE="${PASSFILE_SOURCE:-/run/secrets/kaspa-aio/replication.pgpass}"

as_postgres() {
	if command -v gosu >/dev/null; then gosu postgres "$@"
	elif command -v su-exec >/dev/null; then su-exec postgres "$@"
	else setpriv --reuid=postgres --regid=postgres --init-groups "$@"; fi
}

mkdir -p "$data"
chown postgres:postgres "$data"
chmod 700 "$data"
if [ "$mode" = fresh ] && [ -n "$(ls -A "$data")" ]; then
	echo "emptying $data first (what it held cannot be streamed on)"
	find "$data" -mindepth 1 -delete
fi
if [ -f "$data/standby.signal" ]; then
	echo "$data already holds a copy; it resumes streaming from where it stopped"
	exit 0
fi
find "$data" -mindepth 1 -delete
# libpq reads a password file only when nobody else may: a private copy for the postgres user
install -o postgres -g postgres -m 0600 "$PASSFILE_SOURCE" /tmp/replication.pgpass
export PGPASSFILE=/tmp/replication.pgpass
# a slot left by an earlier copy holds WAL from before this one: the copy starts its slot anew
as_postgres pg_receivewal -h "$primary" -U "$user" --slot="$slot" --drop-slot 2>/dev/null \
	&& echo "dropped the earlier slot $slot on $primary" || true
echo "copying $primary with pg_basebackup (slot $slot)"
as_postgres pg_basebackup -h "$primary" -U "$user" -D "$data" -X stream -C -S "$slot" --checkpoint=fast --progress
as_postgres touch "$data/standby.signal"
rm -f /tmp/replication.pgpass
echo "seeded from $primary"
