-- Runs once, when the postgres container initialises an empty data volume.
-- The database integration tests use, as scripts/stack/postgres.sh creates it.
CREATE DATABASE educube_test OWNER educube;
