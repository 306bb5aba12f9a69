#!/bin/bash
# kaspa-aio: the backup agent of one database. Runs as root in the database's own image (its pg_basebackup,
# pg_verifybackup and pg_archivecleanup match the server), with the backups volume at /backups:
#   /backups/wal/                     the WAL the server archives (archive-wal.sh)
#   /backups/base/<UTC time>/         base backups (pg_basebackup, plain format, WAL from the archive)
#   /backups/base/<UTC time>/kaspa-aio-verify   "verified" or "failed: <why>" (pg_verifybackup)
#   /backups/status                   last_success=, last_failure=, last_error= (epoch seconds, one line of why)
#   /backups/kaspa-aio-backup.prom    the same as Prometheus metrics, for the volume exporter's textfile collector
#                                     (it mounts this volume read-only when monitoring is on): the backup alerts
# backup-agent.sh run       the schedule: a base backup whenever the cron expression matches (UTC), and at once
#                           when there is none yet; runs until stopped
# backup-agent.sh now       one base backup, verification and retention, now
# backup-agent.sh verify D  verifies base backup D again
# backup-agent.sh metrics   writes kaspa-aio-backup.prom from the status file now (the agent does it after every
#                           backup and every minute)
# backup-agent.sh matches E T...  whether cron expression E matches each epoch second T (what the tests compare)
# backup-agent.sh list      one line per base backup (base|name|end epoch|bytes|verification|timeline), the
#                           newest archived WAL file (wal|name|epoch) and the status lines (status|key=value)
# Environment: KASPA_AIO_DB_HOST, KASPA_AIO_SERVICE, KASPA_AIO_SCHEDULE, KASPA_AIO_INTERVAL_SECONDS (the schedule's
# longest gap between runs), KASPA_AIO_KEEP_BASE, KASPA_AIO_REPLICATION_USER, and the
# replication role's password file at /run/secrets/kaspa-aio/replication.pgpass.
# One backup or retention at a time, and none while a restore reads the volume: all take /backups/.lock.
set -Eeuo pipefail
root=/backups
base="$root/base"
wal="$root/wal"
lock="$root/.lock"

as_postgres() {
	if command -v gosu >/dev/null; then gosu postgres "$@"
	elif command -v su-exec >/dev/null; then su-exec postgres "$@"
	else setpriv --reuid=postgres --regid=postgres --init-groups "$@"; fi
}

log() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"; }

# the finished base backups, oldest first (a glob sorts; the official images' busybox find has no -printf)
finished() {
	local d
	for d in "$base"/*/; do
		[ -d "$d" ] && basename "$d"
	done
	return 0
}

prepare() {
	mkdir -p "$base" "$wal"
	chown postgres:postgres "$root" "$base" "$wal"
	touch "$lock" "$root/status"
	install -o postgres -g postgres -m 0600 /run/secrets/kaspa-aio/replication.pgpass /tmp/replication.pgpass
}

# status key=value, rewritten atomically
status_set() {
	local key="$1" value="$2" tmp="$root/.status.tmp"
	{ grep -v "^$key=" "$root/status" 2>/dev/null || true; echo "$key=$value"; } > "$tmp"
	mv "$tmp" "$root/status"
	metrics
}

status_get() {
	sed -n "s/^$1=//p" "$root/status" 2>/dev/null | tail -1
}

# the status as Prometheus metrics (0: never), written whole under a name the collector skips, then renamed
metrics() {
	local tmp="$root/.kaspa-aio-backup.prom.tmp" labels verified=0 d
	labels="service=\"${KASPA_AIO_SERVICE:-}\",database=\"${KASPA_AIO_DB_HOST:-}\""
	for d in "$base"/*/; do
		[ -f "$d/kaspa-aio-verify" ] && [ "$(cat "$d/kaspa-aio-verify")" = verified ] && verified=$((verified + 1))
	done
	{
		echo "# HELP kaspa_aio_backup_last_success_timestamp_seconds When the last base backup succeeded (0: never)."
		echo "# TYPE kaspa_aio_backup_last_success_timestamp_seconds gauge"
		echo "kaspa_aio_backup_last_success_timestamp_seconds{$labels} $(status_get last_success | grep -E '^[0-9]+$' || echo 0)"
		echo "# HELP kaspa_aio_backup_last_failure_timestamp_seconds When the last base backup failed (0: never)."
		echo "# TYPE kaspa_aio_backup_last_failure_timestamp_seconds gauge"
		echo "kaspa_aio_backup_last_failure_timestamp_seconds{$labels} $(status_get last_failure | grep -E '^[0-9]+$' || echo 0)"
		echo "# HELP kaspa_aio_backup_interval_seconds The schedule's longest gap between two runs."
		echo "# TYPE kaspa_aio_backup_interval_seconds gauge"
		echo "kaspa_aio_backup_interval_seconds{$labels} ${KASPA_AIO_INTERVAL_SECONDS:-86400}"
		echo "# HELP kaspa_aio_backup_verified_base_backups Base backups kept that passed pg_verifybackup."
		echo "# TYPE kaspa_aio_backup_verified_base_backups gauge"
		echo "kaspa_aio_backup_verified_base_backups{$labels} $verified"
	} > "$tmp" && chmod 0644 "$tmp" && mv "$tmp" "$root/kaspa-aio-backup.prom" || { rm -f "$tmp"; log "writing the backup metrics failed"; }
	return 0
}

# with point in time a backup's WAL is in the archive; without, it is inside the backup (streamed with it)
if [ "${KASPA_AIO_POINT_IN_TIME:-true}" = true ]; then wal_mode=none; else wal_mode=stream; fi

verify() {
	local dir="$1"
	local out
	local from=()
	[ "$wal_mode" = none ] && from=(-w "$wal")
	if out=$(as_postgres pg_verifybackup "${from[@]}" --ignore=kaspa-aio-verify "$dir" 2>&1); then
		echo verified > "$dir/kaspa-aio-verify"
		log "verified $(basename "$dir")"
		return 0
	fi
	echo "failed: $(echo "$out" | grep -v '^$' | tail -1)" > "$dir/kaspa-aio-verify"
	log "verification of $(basename "$dir") failed: $out"
	return 1
}

retention() {
	local keep="${KASPA_AIO_KEEP_BASE:-7}"
	local all=()
	mapfile -t all < <(finished)
	local n=${#all[@]}
	if [ "$n" -gt "$keep" ]; then
		for old in "${all[@]:0:$((n - keep))}"; do
			log "retention: removing base backup $old (keeping the newest $keep)"
			rm -rf "${base:?}/$old"
		done
	fi
	# the WAL the oldest kept backup needs starts at its START WAL file: everything before it can go
	local oldest
	oldest=$(finished | head -1)
	if [ "$wal_mode" = none ] && [ -n "$oldest" ] && [ -f "$base/$oldest/backup_label" ]; then
		local first
		first=$(sed -n 's/^START WAL LOCATION: .* (file \([0-9A-F]\{24\}\))$/\1/p' "$base/$oldest/backup_label")
		if [ -n "$first" ]; then
			as_postgres pg_archivecleanup "$wal" "$first"
		fi
	fi
}

now() {
	local stamp dir out
	stamp=$(date -u +%Y%m%dT%H%M%SZ)
	dir="$base/$stamp"
	exec 9>"$lock"
	flock 9
	log "base backup $stamp of $KASPA_AIO_DB_HOST"
	if out=$(PGPASSFILE=/tmp/replication.pgpass as_postgres pg_basebackup -h "$KASPA_AIO_DB_HOST" -U "$KASPA_AIO_REPLICATION_USER" \
			-D "$base/.$stamp.partial" -Fp -X "$wal_mode" --checkpoint=fast --no-password 2>&1); then
		mv "$base/.$stamp.partial" "$dir"
		verify "$dir" || true
		retention
		status_set last_success "$(date -u +%s)"
		log "base backup $stamp done ($(du -sk "$dir" | cut -f1) kB)"
		flock -u 9
		return 0
	fi
	rm -rf "${base:?}/.$stamp.partial"
	status_set last_failure "$(date -u +%s)"
	status_set last_error "$(echo "$out" | grep -v '^$' | tail -1 | tr -d '\r')"
	log "base backup $stamp failed: $out"
	flock -u 9
	return 1
}

# does one cron field match a value? (numbers, '*', lists, ranges, steps)
field_matches() {
	local value="$1" field="$2" min="$3" max="$4" part range step lo hi
	IFS=',' read -ra parts <<< "$field"
	for part in "${parts[@]}"; do
		range="${part%%/*}"
		step=1
		[ "$part" != "$range" ] && step="${part#*/}"
		if [ "$range" = "*" ]; then lo=$min; hi=$max
		elif [[ "$range" == *-* ]]; then lo="${range%-*}"; hi="${range#*-}"
		else lo="$range"; hi="$range"; [ "$part" != "$range" ] && hi=$max
		fi
		if [ "$value" -ge "$lo" ] && [ "$value" -le "$hi" ] && [ $(((value - lo) % step)) -eq 0 ]; then
			return 0
		fi
	done
	return 1
}

# cron's rule: when both day-of-month and day-of-week are restricted, either matching is enough
schedule_matches() { # [epoch seconds; now when absent]
	local m h dom mon dow
	read -r m h dom mon dow <<< "$KASPA_AIO_SCHEDULE"
	local t_m t_h t_dom t_mon t_dow
	read -r t_m t_h t_dom t_mon t_dow <<< "$(date -u -d "@${1:-$(date -u +%s)}" '+%-M %-H %-d %-m %w')"
	field_matches "$t_m" "$m" 0 59 && field_matches "$t_h" "$h" 0 23 && field_matches "$t_mon" "$mon" 1 12 || return 1
	local dom_ok=1 dow_ok=1
	field_matches "$t_dom" "$dom" 1 31 && dom_ok=0
	{ field_matches "$t_dow" "$dow" 0 7 || { [ "$t_dow" = 0 ] && field_matches 7 "$dow" 0 7; }; } && dow_ok=0
	if [ "$dom" != "*" ] && [ "$dow" != "*" ]; then
		[ $dom_ok = 0 ] || [ $dow_ok = 0 ]
	else
		[ $dom_ok = 0 ] && [ $dow_ok = 0 ]
	fi
}

run() {
	log "backup agent for $KASPA_AIO_DB_HOST: schedule '$KASPA_AIO_SCHEDULE' (UTC), keeping ${KASPA_AIO_KEEP_BASE:-7} base backups"
	if [ -z "$(finished)" ]; then
		# point in time needs a base backup to replay from: the first is taken at once (the server may still be starting)
		until now; do sleep 10; done
	fi
	trap 'exit 0' TERM INT
	metrics
	while true; do
		# wake at the start of the next minute
		sleep $((60 - $(date -u +%-S))) &
		wait $!
		if schedule_matches; then
			now || true
		fi
		metrics
	done
}

list() {
	local d name
	for d in "$base"/*/; do
		[ -d "$d" ] || continue
		name=$(basename "$d")
		echo "base|$name|$(stat -c %Y "$d/backup_manifest" 2>/dev/null || echo 0)|$(($(du -sk "$d" | cut -f1) * 1024))|$(cat "$d/kaspa-aio-verify" \
			2>/dev/null || echo unverified)|$(sed -n 's/^START TIMELINE: //p' "$d/backup_label" 2>/dev/null)"
	done
	local newest
	newest=$(ls -t "$wal" 2>/dev/null | grep -E '^[0-9A-F]{24}$' | head -1 || true)
	[ -n "$newest" ] && echo "wal|$newest|$(stat -c %Y "$wal/$newest")"
	sed 's/^/status|/' "$root/status" 2>/dev/null || true
}

case "${1:-run}" in
	run) prepare; run ;;
	now) prepare; now ;;
	verify) prepare; verify "$base/$2" ;;
	list) list ;;
	metrics) metrics ;;
	matches) KASPA_AIO_SCHEDULE="$2"; for t in "${@:3}"; do schedule_matches "$t" && echo "$t yes" || echo "$t no"; done ;;
	*) echo "usage: $0 run|now|verify <base backup>|list|metrics|matches <expression> <epoch>..." >&2; exit 2 ;;
esac
