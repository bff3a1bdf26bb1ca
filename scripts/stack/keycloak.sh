#!/usr/bin/env bash
# Runs a real Keycloak server (the Quarkus distribution published on Maven Central as
# org.keycloak:keycloak-quarkus-dist) as a local process, with the `educube` realm imported
# from scripts/stack/keycloak/realm-educube.json. No Docker needed.
#
#   scripts/stack/keycloak.sh install      download + unpack the distribution once (cached)
#   scripts/stack/keycloak.sh start        start in the background and wait for the realm (idempotent)
#   scripts/stack/keycloak.sh stop         stop it
#   scripts/stack/keycloak.sh status       exit 0 = ready, 1 = running but not ready, 3 = stopped
#   scripts/stack/keycloak.sh logs [-f]    last lines of the server log (or follow it)
#
# DEV ONLY: the admin login (admin/admin), the client secrets (dev-*-secret) and the test users'
# password (Passw0rd!) are public values for a server bound to 127.0.0.1. Never reuse them.
#
# Environment (besides what common.sh reads): EDUCUBE_KEYCLOAK_VERSION, EDUCUBE_KEYCLOAK_PORT,
# EDUCUBE_KEYCLOAK_MGMT_PORT (health endpoints), EDUCUBE_KEYCLOAK_HOSTNAME (pinned issuer base),
# EDUCUBE_KEYCLOAK_HEAP (JVM heap flags), EDUCUBE_KEYCLOAK_JAVA (java binary to use),
# EDUCUBE_KEYCLOAK_START_TIMEOUT (seconds).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KC_VERSION="${EDUCUBE_KEYCLOAK_VERSION:-26.7.3}"
# The unpacked distribution is shared by every checkout, so nothing ever writes into it.
KC_DIST="$EDUCUBE_CACHE/keycloak/$KC_VERSION"
KC_RUN="$EDUCUBE_RUN/keycloak"
# This checkout's server home: small writable copies of the distribution plus data/ (H2 dev
# database, import dir, tmp). Keycloak insists on reading imports from <home>/data/import and
# re-augments into <home>/lib/quarkus, hence a home of our own rather than flags.
KC_HOME="$KC_RUN/home"
KC_LOG="$KC_RUN/keycloak.log"
KC_PID="$KC_RUN/keycloak.pid"
KC_REALM_SUM="$KC_RUN/realm.sha256"
KC_HOST=127.0.0.1
KC_PORT="$EDUCUBE_KEYCLOAK_PORT"
# Health endpoints live on Keycloak's management interface (default 9000, often taken), so it
# gets a port next to ours.
KC_MGMT_PORT="${EDUCUBE_KEYCLOAK_MGMT_PORT:-$((KC_PORT + 1))}"
KC_URL="http://$KC_HOST:$KC_PORT"
# Pinning the hostname makes the token issuer (`iss`) the same whichever address a caller used
# (localhost vs 127.0.0.1), so services validating `iss` agree with the tests.
KC_HOSTNAME="${EDUCUBE_KEYCLOAK_HOSTNAME:-$KC_URL}"
KC_REALM=educube
REALM_FILE="$REPO_ROOT/scripts/stack/keycloak/realm-educube.json"
DISCOVERY_URL="$KC_URL/realms/$KC_REALM/.well-known/openid-configuration"
START_TIMEOUT="${EDUCUBE_KEYCLOAK_START_TIMEOUT:-300}"
# The default heap is sized from the machine's RAM (70 %); a dev server needs far less.
KC_HEAP="${EDUCUBE_KEYCLOAK_HEAP:--Xms64m -Xmx768m}"
# Options Keycloak bakes into its "augmented" build (lib/quarkus); anything else is runtime.
# start-dev adds the dev profile and the dev-file (H2) database.
KC_BUILD_OPTS=(--health-enabled=true)
# start-dev re-augments a fresh home for these options (~30 s). The result depends only on the
# version and the build options (no paths), so it is kept in the cache beside the distribution
# and reused by later homes, e.g. each fresh CI clone. Keycloak re-checks the options itself and
# would simply re-augment on a mismatch.
KC_AUGMENTED="$EDUCUBE_CACHE/keycloak/$KC_VERSION.augmented-dev-$(printf '%s\n' "${KC_BUILD_OPTS[@]}" | sha256sum | cut -c1-12)"
ADMIN_USER="admin"
ADMIN_PASSWORD="admin"

# Keycloak 26.x supports OpenJDK 17, 21 and 25 and recommends the newest for performance;
# pick_java takes the newest on the machine. Its jars are Java 17 bytecode, so 17 still works.
keycloak_java() {
  if [[ -n ${EDUCUBE_KEYCLOAK_JAVA:-} ]]; then echo "$EDUCUBE_KEYCLOAK_JAVA"; return 0; fi
  pick_java 17 || die "no JDK 17+ found (Keycloak $KC_VERSION needs 17, 21 or 25)"
}

cmd_install() {
  if [[ -x $KC_DIST/bin/kc.sh ]]; then
    log "Keycloak $KC_VERSION already installed in $KC_DIST"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: it fetches keycloak-quarkus-dist from Maven Central"
  command -v unzip >/dev/null || die "unzip not found (apt-get install unzip)"
  mkdir -p "$EDUCUBE_CACHE/keycloak"
  local tmp start=$SECONDS
  # Unpack beside the final place and rename at the end, so an interrupted install never
  # looks installed.
  tmp=$(mktemp -d "$EDUCUBE_CACHE/keycloak/.install-$KC_VERSION.XXXXXX")
  log "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central (~170 MB)"
  # The plugin version is pinned (Maven 3.8 would otherwise pick its 2014-era default, 2.8);
  # --strict-checksums so a corrupt download fails instead of half-unzipping.
  # Maven's chatter goes to a file and is shown only if it fails.
  if ! mvn -B -q --strict-checksums \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
    -DoutputDirectory="$tmp" -Dmdep.overWriteReleases=true >"$tmp/mvn.log" 2>&1; then
    cat "$tmp/mvn.log" >&2
    rm -rf "$tmp"
    die "download of keycloak-quarkus-dist $KC_VERSION failed"
  fi
  unzip -q "$tmp/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$tmp" || { rm -rf "$tmp"; die "unzip failed"; }
  [[ -x $tmp/keycloak-$KC_VERSION/bin/kc.sh ]] || { rm -rf "$tmp"; die "unexpected zip layout"; }
  mv "$tmp/keycloak-$KC_VERSION" "$KC_DIST"
  rm -rf "$tmp"
  log "installed Keycloak $KC_VERSION in $KC_DIST in $((SECONDS - start)) s"
}

# Builds this checkout's server home from the cached distribution. Only the small parts that
# Keycloak writes (re-augmented lib/quarkus, conf) are copied; the 170 MB of jars in lib/lib are
# only read, so they are a symlink into the cache.
prepare_home() {
  if [[ -f $KC_HOME/.dist-version && $(<"$KC_HOME/.dist-version") == "$KC_VERSION" ]]; then
    return 0
  fi
  log "preparing server home $KC_HOME from Keycloak $KC_VERSION"
  # data/ (the H2 database) survives a version change: Keycloak migrates it on start.
  rm -rf "${KC_HOME:?}"/{bin,conf,lib,providers,themes,version.txt}
  mkdir -p "$KC_HOME/lib" "$KC_HOME/data"
  cp -R "$KC_DIST/bin" "$KC_DIST/conf" "$KC_DIST/providers" "$KC_DIST/themes" "$KC_DIST/version.txt" "$KC_HOME/"
  cp -R "$KC_DIST/lib/app" "$KC_DIST/lib/quarkus-run.jar" "$KC_HOME/lib/"
  if [[ -d $KC_AUGMENTED ]]; then
    cp -R "$KC_AUGMENTED" "$KC_HOME/lib/quarkus"
  else
    cp -R "$KC_DIST/lib/quarkus" "$KC_HOME/lib/quarkus"
  fi
  ln -s "$KC_DIST/lib/lib" "$KC_HOME/lib/lib"
  echo "$KC_VERSION" >"$KC_HOME/.dist-version"
}

# --import-realm skips a realm that already exists, so edits to the realm file would silently
# not apply. The realm file is the source of truth for this dev stack: when it changed since the
# last import, drop the dev database so the new version is imported.
stage_realm() {
  [[ -f $REALM_FILE ]] || die "realm file $REALM_FILE not found"
  local sum
  sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if [[ -d $KC_HOME/data/h2 ]] && [[ ! -f $KC_REALM_SUM || $(<"$KC_REALM_SUM") != "$sum" ]]; then
    log "realm-educube.json changed since it was imported: dropping the dev database to re-import it"
    rm -rf "$KC_HOME/data/h2"
  fi
  mkdir -p "$KC_HOME/data/import" "$KC_HOME/data/tmp"
  cp "$REALM_FILE" "$KC_HOME/data/import/realm-educube.json"
  echo "$sum" >"$KC_REALM_SUM"
}

# Keeps this home's augmented build for the next fresh home (see KC_AUGMENTED). Copied under a
# temporary name and renamed, so a concurrent checkout never sees half of it.
save_augmented() {
  [[ -d $KC_AUGMENTED ]] && return 0
  # A home with extra provider jars has them baked in: not reusable by other homes.
  compgen -G "$KC_HOME/providers/*.jar" >/dev/null && return 0
  local tmp
  tmp=$(mktemp -d "$KC_AUGMENTED.XXXXXX")
  cp -R "$KC_HOME/lib/quarkus/." "$tmp/"
  mv -T "$tmp" "$KC_AUGMENTED" 2>/dev/null || rm -rf "$tmp"
}

realm_ready() {
  curl -fsS -o /dev/null --max-time 3 "$DISCOVERY_URL" 2>/dev/null
}

# Ours is ready when our process logged that it listens on our address (so a server of another
# checkout on the same port cannot pass for it) and the realm's discovery document answers.
kc_ready() {
  pid_alive "$KC_PID" && grep -qF "Listening on: $KC_URL." "$KC_LOG" 2>/dev/null && realm_ready
}

port_taken() {
  (exec 3<>"/dev/tcp/$KC_HOST/$1") 2>/dev/null
}

# wait_ready SECONDS — until the realm's discovery document answers; fails early if the
# server process died (and shows why).
wait_ready() {
  local secs=$1 deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    kc_ready && return 0
    if ! pid_alive "$KC_PID"; then
      log "Keycloak exited during startup; last log lines:"
      tail -n 40 "$KC_LOG" >&2 || true
      rm -f "$KC_PID"
      return 1
    fi
    sleep 0.5
  done
  log "Keycloak did not serve realm $KC_REALM within $secs s; last log lines:"
  tail -n 40 "$KC_LOG" >&2 || true
  return 1
}

print_info() {
  cat <<EOF
Keycloak $KC_VERSION is ready (pid $(cat "$KC_PID"))
  address:          $KC_URL
  issuer:           $KC_HOSTNAME/realms/$KC_REALM
  discovery:        $DISCOVERY_URL
  token endpoint:   $KC_HOSTNAME/realms/$KC_REALM/protocol/openid-connect/token
  admin console:    $KC_HOSTNAME/admin/  (user $ADMIN_USER, password $ADMIN_PASSWORD — dev only)
  health:           http://$KC_HOST:$KC_MGMT_PORT/health/ready
  log:              $KC_LOG
  stop with:        scripts/stack/keycloak.sh stop
EOF
}

# launch JAVA — starts kc.sh in the background; returns once the pid file is written.
launch() {
  local java=$1 i
  [[ -f $KC_LOG ]] && mv -f "$KC_LOG" "$KC_LOG.1"
  log "starting Keycloak $KC_VERSION on $KC_URL with $java"
  # setsid: the server must outlive this script and not die with the caller's process group
  # (Ctrl-C in a terminal, a task runner killing its job); it also makes kc.sh a group leader
  # so `stop` can reach the JVM through kc.sh's pid. The inner shell writes its own pid and
  # then execs kc.sh, so the pid file holds kc.sh's pid whether or not setsid had to fork.
  # kc.sh forwards TERM to the JVM, which then shuts down cleanly.
  # start-dev: local caches (no cluster traffic), H2 file database in data/, no TLS needed.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  JAVA="$java" \
    JAVA_OPTS_KC_HEAP="$KC_HEAP" \
    JAVA_OPTS_APPEND="-Djava.io.tmpdir=$KC_HOME/data/tmp" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$ADMIN_USER" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KC_PID" \
    "$KC_HOME/bin/kc.sh" start-dev \
    --import-realm \
    --http-host="$KC_HOST" \
    --http-port="$KC_PORT" \
    --http-management-port="$KC_MGMT_PORT" \
    --hostname="$KC_HOSTNAME" \
    "${KC_BUILD_OPTS[@]}" \
    --log-console-color=false \
    >"$KC_LOG" 2>&1 </dev/null &
  # The pid file is written by the child; give it a moment to appear.
  for ((i = 0; i < 40; i++)); do [[ -s $KC_PID ]] && return 0; sleep 0.05; done
  die "Keycloak launcher did not start (see $KC_LOG)"
}

cmd_start() {
  command -v curl >/dev/null || die "curl not found: it is how readiness is checked"
  if pid_alive "$KC_PID"; then
    if ! kc_ready; then
      log "Keycloak (pid $(cat "$KC_PID")) is starting; waiting for realm $KC_REALM"
      wait_ready "$START_TIMEOUT" || die "Keycloak did not become ready (see $KC_LOG)"
    fi
    print_info
    return 0
  fi
  rm -f "$KC_PID"
  # Something else on our ports would make Keycloak fail late and obscurely; say so now.
  port_taken "$KC_PORT" && die "port $KC_PORT on $KC_HOST is in use by another process (set EDUCUBE_KEYCLOAK_PORT)"
  port_taken "$KC_MGMT_PORT" && die "port $KC_MGMT_PORT on $KC_HOST is in use by another process (set EDUCUBE_KEYCLOAK_MGMT_PORT)"

  [[ -x $KC_DIST/bin/kc.sh ]] || cmd_install
  local java attempt start=$SECONDS
  java=$(keycloak_java)
  mkdir -p "$KC_RUN"
  prepare_home
  stage_realm
  # Keycloak binds its ports only at the end of a 20-60 s boot. Our ports lie in Linux's
  # ephemeral range (32768-60999), so a client socket, or another checkout's server, can take
  # one meanwhile; if it has gone again, one retry is cheaper than a failed stack.
  for attempt in 1 2; do
    launch "$java"
    wait_ready "$START_TIMEOUT" && break
    if ((attempt == 1)) && grep -q 'Port already bound' "$KC_LOG" &&
      ! port_taken "$KC_PORT" && ! port_taken "$KC_MGMT_PORT"; then
      log "a port was taken while Keycloak booted and is free again; retrying once"
      continue
    fi
    die "Keycloak did not become ready (see $KC_LOG)"
  done
  log "Keycloak ready in $((SECONDS - start)) s"
  save_augmented
  print_info
}

cmd_stop() {
  local pid=""
  [[ -f $KC_PID ]] && pid=$(<"$KC_PID")
  stop_pid "$KC_PID" Keycloak
  # If stop_pid had to SIGKILL kc.sh, its JVM would be orphaned; it is in kc.sh's own process
  # group (setsid above), so end that group by its id.
  if [[ -n $pid ]] && kill -0 -- "-$pid" 2>/dev/null; then
    log "killing what is left of Keycloak's process group $pid"
    kill -9 -- "-$pid" 2>/dev/null || true
  fi
}

cmd_status() {
  if ! pid_alive "$KC_PID"; then
    echo "Keycloak: stopped"
    return 3
  fi
  if kc_ready; then
    echo "Keycloak: running and ready (pid $(cat "$KC_PID")) at $KC_URL, realm $KC_REALM"
    return 0
  fi
  echo "Keycloak: running (pid $(cat "$KC_PID")) but realm $KC_REALM not answering yet at $KC_URL"
  return 1
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) show_logs "$KC_LOG" "${2:-}" ;;
  *) usage ;;
esac
