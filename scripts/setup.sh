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

# Debian packages the server scripts rely on, installed only when missing: a JDK (Kafka and
# Keycloak 26 run on 17+), Maven (fetches their artifacts), unzip, curl.
system_packages() {
  local missing=()
  command -v java >/dev/null || ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v curl >/dev/null || missing+=(curl)
  # headless browser for the e2e login tests (driven by playwright-core, never `playwright install`)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # Chinese text in the cockpit's screenshots and browser tests (otherwise empty boxes)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || { echo "[setup] missing ${missing[*]} and no apt-get to install them" >&2; exit 1; }
  echo "[setup] installing ${missing[*]} from Debian's packages" >&2
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [[ ${1:-} == --servers ]]; then
  system_packages
  bash scripts/stack/postgres.sh install
  bash scripts/stack/kafka.sh install
  bash scripts/stack/keycloak.sh install
fi
