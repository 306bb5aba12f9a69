#!/bin/bash
# Stand-in for the official postgres image's entrypoint, built on Debian's PostgreSQL packages.
# It honours the contract kaspa-aio relies on (and that timescale/timescaledb inherits):
#   POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB and their *_FILE variants, POSTGRES_INITDB_ARGS,
#   POSTGRES_HOST_AUTH_METHOD, PGDATA=/var/lib/postgresql/data, /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz
#   run on first init only, while a temporary server listens on the unix socket only
#   (docker-library/postgres#880: TCP readiness is the only honest readiness).
set -Eeuo pipefail

# file_env VAR [DEFAULT]: VAR or VAR_FILE, never both (same rule as the official image).
file_env() {
	local var="$1" fileVar="${1}_FILE" def="${2:-}"
	if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
		echo >&2 "error: both $var and $fileVar are set (but are exclusive)"
		exit 1
	fi
	local val="$def"
	if [ "${!var:-}" ]; then
		val="${!var}"
	elif [ "${!fileVar:-}" ]; then
		val="$(< "${!fileVar}")"
	fi
	export "$var"="$val"
	unset "$fileVar"
}

export PGDATA="${PGDATA:-/var/lib/postgresql/data}"

# like the official image: options alone are options of postgres (docker run IMAGE -c key=value)
if [ -n "${1:-}" ] && [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi
set -- "${@:-postgres}"
if [ "$1" != "postgres" ]; then
	exec "$@"
fi

if [ "$(id -u)" = '0' ]; then
	mkdir -p "$PGDATA" /var/run/postgresql
	chown -R postgres:postgres "$PGDATA" /var/run/postgresql
	chmod 700 "$PGDATA"
	chmod 2777 /var/run/postgresql
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

file_env POSTGRES_PASSWORD
file_env POSTGRES_USER postgres
file_env POSTGRES_DB "$POSTGRES_USER"
file_env POSTGRES_INITDB_ARGS
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
	if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != 'trust' ]; then
		echo >&2 'error: database is uninitialized and superuser password is not specified.'
		echo >&2 '  set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (or POSTGRES_HOST_AUTH_METHOD=trust)'
		exit 1
	fi
	echo "initializing database in $PGDATA"
	# The password travels through a pipe, never through argv or the environment of initdb.
	initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
		--auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD" $POSTGRES_INITDB_ARGS >/dev/null
	printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
	printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"

	# Temporary server: unix socket only, like the official image.
	# the temporary server gets the same options as the real one (a config_file, say), socket only
	options=""
	if [ "$#" -gt 1 ]; then
		options="$(printf '%q ' "${@:2}")"
	fi
	pg_ctl -D "$PGDATA" -o "$options-c listen_addresses='' -p 5432" -w start >/dev/null
	psql_cmd=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
	if [ "$POSTGRES_DB" != 'postgres' ]; then
		"${psql_cmd[@]}" --dbname postgres --set db="$POSTGRES_DB" <<-'EOSQL'
			CREATE DATABASE :"db" ;
		EOSQL
	fi
	for f in /docker-entrypoint-initdb.d/*; do
		[ -e "$f" ] || continue
		case "$f" in
			*.sh)     echo "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
			*.sql)    echo "running $f"; "${psql_cmd[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
			*.sql.gz) echo "running $f"; gunzip -c "$f" | "${psql_cmd[@]}" --dbname "$POSTGRES_DB" ;;
			*)        echo "ignoring $f" ;;
		esac
	done
	pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
	unset POSTGRES_PASSWORD
	echo 'PostgreSQL init process complete; ready for start up.'
else
	echo 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
fi

exec "$@"
