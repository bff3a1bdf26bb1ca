-- Runs once, when the postgres container initialises an empty data volume.
-- Identity owns its database (organisation tree, people, audit log): with NODE_ENV=production
-- and no DATABASE_URL it would fall back to PGlite on the container's read-only root.
CREATE DATABASE educube_identity OWNER educube;
