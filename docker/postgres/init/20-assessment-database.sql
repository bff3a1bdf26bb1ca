-- Runs once, when the postgres container initialises an empty data volume.
-- The assessment service owns its database (its facts, evidence, review events and documents),
-- as scripts/stack/postgres.sh creates it.
CREATE DATABASE educube_assessment OWNER educube;
