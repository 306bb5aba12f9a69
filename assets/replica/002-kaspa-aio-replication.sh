#!/bin/bash
# kaspa-aio: lets the database's read replicas stream, on first init (an exported compose stack starting
# from empty volumes needs it before its replicas are seeded); on existing data directories apply keeps
# the same pg_hba line and role itself. The role gets the SCRAM verifier, never the password.
set -Eeuo pipefail
printf '\n# kaspa-aio: read replicas\n%s\n' 'host replication kaspa_aio_replication all scram-sha-256' >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	--set verifier="$(cat /run/secrets/kaspa-aio/replication-verifier)" <<'SQL'
CREATE ROLE kaspa_aio_replication WITH REPLICATION LOGIN PASSWORD :'verifier';
SQL
