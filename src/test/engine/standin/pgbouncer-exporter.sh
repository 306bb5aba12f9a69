#!/bin/bash
# Stand-in for prometheuscommunity/pgbouncer-exporter (DESIGN §5): no registry is reachable and Debian packages
# only a different exporter (another configuration, other metric names), so this script speaks the real image's
# contract for what kaspa-aio uses: entrypoint /bin/pgbouncer_exporter, user nobody, port 9127, the flags
# --pgBouncer.connectionString / --web.listen-address / --web.telemetry-path (or PGBOUNCER_EXPORTER_CONNECTION_STRING),
# a password from PGPASSFILE (libpq's rule: 0600 or it is ignored), and the real metric names. The figures are
# PgBouncer's own (SHOW POOLS / STATS / CONFIG through the real psql); socat serves HTTP.
set -uo pipefail
psql=/usr/lib/postgresql/15/bin/psql

if [ "${1:-}" = "--serve-one" ]; then
	read -r _method target _ || exit 0
	while IFS= read -r line; do
		line="${line%$'\r'}"
		[ -z "$line" ] && break
	done
	if [ "${target%%\?*}" != "$KASPA_STANDIN_PATH" ]; then
		printf 'HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\n\r\n404 page not found\n'
		exit 0
	fi
	# one table of the admin console, header row first, as "metric{labels} value" lines for the columns mapped
	table() { # command, label columns, then column=metric pairs
		local command="$1" labels="$2"
		shift 2
		$psql "$KASPA_STANDIN_CONN" -XAq -F'|' -P footer=off -c "$command" | awk -F'|' -v labels="$labels" -v pairs="$*" '
			NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; n = split(pairs, p, " "); next }
			{
				l = ""; m = split(labels, lab, ",")
				for (j = 1; j <= m; j++) l = l (j > 1 ? "," : "") lab[j] "=\"" $(col[lab[j]]) "\""
				for (k = 1; k <= n; k++) {
					split(p[k], kv, "=")
					v = $(col[kv[1]])
					if (kv[1] == "maxwait" && ("maxwait_us" in col)) v = v + $(col["maxwait_us"]) / 1000000
					printf "%s{%s} %s\n", kv[2], l, v
				}
			}'
	}
	body=$( {
		table "SHOW POOLS" database,user cl_active=pgbouncer_pools_client_active_connections \
			cl_waiting=pgbouncer_pools_client_waiting_connections sv_active=pgbouncer_pools_server_active_connections \
			sv_idle=pgbouncer_pools_server_idle_connections maxwait=pgbouncer_pools_client_maxwait_seconds &&
		table "SHOW STATS" database total_xact_count=pgbouncer_stats_sql_transactions_pooled_total \
			total_query_count=pgbouncer_stats_queries_pooled_total &&
		$psql "$KASPA_STANDIN_CONN" -XAtq -F'|' -c "SHOW CONFIG" | awk -F'|' '$1 == "max_client_conn" { print "pgbouncer_config_max_client_connections " $2 }'
	} 2>/dev/null )
	status=$?
	printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n\r\n'
	printf '# HELP pgbouncer_up The pgbouncer scrape succeeded\n# TYPE pgbouncer_up gauge\n'
	if [ $status -eq 0 ]; then
		printf 'pgbouncer_up 1\n%s\n' "$body"
	else
		printf 'pgbouncer_up 0\n'
	fi
	exit 0
fi

conn="${PGBOUNCER_EXPORTER_CONNECTION_STRING:-postgres://postgres:@localhost:6543/pgbouncer?sslmode=disable}"
listen=":9127"
path="/metrics"
for a in "$@"; do
	case "$a" in
	--pgBouncer.connectionString=*) conn="${a#*=}" ;;
	--web.listen-address=*) listen="${a#*=}" ;;
	--web.telemetry-path=*) path="${a#*=}" ;;
	*) echo "pgbouncer_exporter: unknown flag '$a'" >&2; exit 1 ;;
	esac
done
export KASPA_STANDIN_CONN="$conn" KASPA_STANDIN_PATH="$path"
echo "pgbouncer_exporter (kaspa-aio stand-in) listening on $listen" >&2
exec socat TCP-LISTEN:"${listen##*:}",reuseaddr,fork SYSTEM:"/bin/pgbouncer_exporter --serve-one"
