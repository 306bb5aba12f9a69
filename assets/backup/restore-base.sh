#!/bin/bash
# kaspa-aio: fills a new data directory for a point-in-time restore. Runs as root in the database's own image
# with the new volume at PGDATA and the backups volume at /backups:
#   restore-base.sh <base backup> <target time, or "latest">
# Copies the base backup (holding /backups/.lock meanwhile, so retention removes nothing it reads) and sets
# the recovery: WAL from the archive, up to the target time (or all of it, on the newest timeline), then promote.
set -Eeuo pipefail
name="$1" target="$2"
data="${PGDATA:-/var/lib/postgresql/data}"
src="/backups/base/$name"
exec 9>/backups/.lock
flock 9
[ -f "$src/backup_label" ] || { echo "no base backup $name in /backups/base" >&2; exit 1; }
if [ -n "$(ls -A "$data")" ]; then
	echo "$data is not empty; a restore only fills a new volume" >&2
	exit 1
fi
echo "copying base backup $name"
cp -a "$src/." "$data/"
rm -f "$data/kaspa-aio-verify" "$data/backup_manifest"
{
	echo "# kaspa-aio restore (removed once recovery has finished)"
	echo "restore_command = 'cp /backups/wal/%f \"%p\"'"
	[ "$target" != latest ] && echo "recovery_target_time = '$target'"
	echo "recovery_target_action = 'promote'"
	echo "recovery_target_timeline = 'latest'"
} >> "$data/postgresql.auto.conf"
touch "$data/recovery.signal"
chown -R postgres:postgres "$data"
chmod 700 "$data"
echo "ready to replay WAL to ${target}"
