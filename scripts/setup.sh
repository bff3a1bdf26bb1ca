#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing twice: the npm packages (which bring the
# pinned Node 24), and with --servers the PostgreSQL package and the Kafka and Keycloak
# artifacts from Maven Central. Safe to run before every command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# npm ci again only when the lockfile changed since the last install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json || ! -x node_modules/.bin/node ]]; then
  echo "[setup] installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ ${1:-} == --servers ]]; then
  bash scripts/stack/postgres.sh install
  bash scripts/stack/kafka.sh install
  bash scripts/stack/keycloak.sh install
fi
