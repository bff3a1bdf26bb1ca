#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint (architecture boundaries included), type check,
# unit tests, then integration tests against real PostgreSQL, Kafka and Keycloak started
# here as local processes, then end-to-end tests of the running hub. Installs whatever is
# missing first. Servers are left running for the next run; `npm run stack:stop` ends them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)

bash scripts/setup.sh --servers
# npm puts its own node (the machine's) first on PATH; the pinned Node 24 lives here.
export PATH="$PWD/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_TUI=false NX_NO_CLOUD=true
echo "[test] node $(node -v); $(nproc) cores"

rm -rf tmp/test-results && mkdir -p tmp/test-results
# where the servers keep their state (.stack, or a folder the postgres user can reach)
run_dir=$(bash scripts/stack/stack.sh run-dir)
echo "[test] servers' state in $run_dir"
# The servers take a while (Keycloak most); start them while the fast tiers run.
bash scripts/stack/stack.sh start >"$run_dir/stack-start.log" 2>&1 &
stack_pid=$!

status=0
# the cockpit's query types are generated from the committed schema: they must be current
npx graphql-codegen --config apps/cockpit/codegen.ts --silent && git diff --quiet -- apps/cockpit/src/gql \
  || { echo "[test] apps/cockpit/src/gql differs from what the schema generates: run npm run cockpit:codegen and commit" >&2; status=1; }
npx tsc -p tsconfig.json --noEmit && npx tsc -p apps/cockpit/tsconfig.json && echo "[test] typecheck passed" || status=1
# the browser tests load the built cockpit
npx vite build --config apps/cockpit/vite.config.mts --logLevel warn || status=1
# each project's lint checks its layout too; this covers the files outside projects
npx prettier --check --log-level warn . && echo "[test] formatting checked" || { echo "[test] files above are not formatted: npm run format" >&2; status=1; }
nx run-many -t lint test --outputStyle=stream --skip-nx-cache || status=1

if ! wait "$stack_pid"; then
  cat "$run_dir/stack-start.log" >&2
  echo "[test] the servers did not start; integration tests cannot run" >&2
  exit 1
fi
echo "[test] server start-up (seconds):"; sed 's/^/  /' "$run_dir/startup-times"
nx run-many -t test-int e2e --outputStyle=stream --skip-nx-cache --parallel=1 || status=1

# Every project with a test target must have left a report; a runner that crashed leaves none.
expected=""
for pair in test:unit test-int:integration e2e:e2e; do
  for project in $(nx show projects --with-target "${pair%%:*}" 2>/dev/null); do expected+="$project.${pair##*:} "; done
done
EXPECTED_REPORTS="$expected" node scripts/test-summary.js tmp/test-results || status=1
echo "[test] wall time $(($(date +%s) - started)) s"
exit $status
