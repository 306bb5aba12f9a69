-- Runs once, on the first start of an empty data volume, in the service's own database.
-- Only what is safe before any indexer runs (DESIGN §4): the indexers create their own tables with
-- plain CREATE TABLE, so nothing here may create a table, schema object or row of theirs.

-- TimescaleDB when the image ships it (timescale/timescaledb does; a plain postgres image does not).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;

-- Indexers write block and transaction times; keep the database on UTC whatever the host's zone.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
END
$$;
