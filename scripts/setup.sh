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

# ---- CloudEvents SDK clients (issue 16; apps/data-warehouse/src/kafka/sdk-clients.int.spec.ts) ----
# The official SDKs for Python and Java as vendors use them, for the integration tests: with
# --servers (CI) or alone with --sdk-clients. Cached under $EDUCUBE_CACHE and rebuilt only when
# the pins or the sources change: a venv (sdk-python, the pins in .pins) and one runnable jar
# (sdk-java, the hash of pom.xml and src in .stamp; Maven's own cache is ~/.m2).
SDK_PYTHON_PINS="cloudevents==2.2.0 kafka-python==3.0.12"
sdk_clients() {
  local cache="${EDUCUBE_CACHE:-$HOME/.cache/educube}"
  local venv="$cache/sdk-python" java_dir="$cache/sdk-java" src=tools/sdk-clients/java
  if [[ "$(cat "$venv/.pins" 2>/dev/null)" != "$SDK_PYTHON_PINS" || ! -x "$venv/bin/python" ]]; then
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
      command -v apt-get >/dev/null || { echo "[setup] python3 with venv is missing and no apt-get to install it" >&2; exit 1; }
      echo "[setup] installing python3-venv from Debian's packages" >&2
      local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
    fi
    echo "[setup] installing the Python CloudEvents SDK client ($SDK_PYTHON_PINS) in $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check --no-input $SDK_PYTHON_PINS
    echo "$SDK_PYTHON_PINS" >"$venv/.pins"
  fi
  local stamp
  stamp=$(cat "$src/pom.xml" $(find "$src/src" -type f | sort) | sha256sum | cut -c1-16)
  if [[ "$(cat "$java_dir/.stamp" 2>/dev/null)" != "$stamp" || ! -f "$java_dir/educube-sdk-client.jar" ]]; then
    command -v mvn >/dev/null && command -v java >/dev/null || { echo "[setup] the Java SDK client needs java and mvn: run bash scripts/setup.sh --servers" >&2; exit 1; }
    echo "[setup] building the Java CloudEvents SDK client ($src)" >&2
    # offline first (everything in ~/.m2 already), else fetch from Maven Central
    mvn -q -B -o -f "$src/pom.xml" package >/dev/null 2>&1 || mvn -q -B -f "$src/pom.xml" package
    mkdir -p "$java_dir"
    cp "$src/target/educube-sdk-client.jar" "$java_dir/educube-sdk-client.jar"
    echo "$stamp" >"$java_dir/.stamp"
  fi
}
if [[ ${1:-} == --servers || ${1:-} == --sdk-clients ]]; then
  sdk_clients
fi
# ---- end of CloudEvents SDK clients ----
