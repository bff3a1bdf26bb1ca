#!/usr/bin/env bash
# `npm start`: the hub on the embedded default. Installs the npm packages on first use
# (they bring the pinned Node 24), then runs all services in one command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
# the cockpit app the gateway serves at / (about a second)
vite build --config apps/cockpit/vite.config.mts --logLevel warn
exec node -r @swc-node/register tools/embedded/src/launch.ts
