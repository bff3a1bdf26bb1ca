#!/usr/bin/env bash
# Shared settings for the scripts that run the real servers (PostgreSQL, Kafka, Keycloak)
# as local processes. Sourced, never run. Everything is overridable from the environment so
# two checkouts (or CI and a developer) can run side by side on other ports.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Downloads are reused between runs and checkouts; never committed.
EDUCUBE_CACHE="${EDUCUBE_CACHE:-$HOME/.cache/educube}"
# Runtime state (data dirs, logs, pid files) of this checkout's servers; git-ignored.
# PostgreSQL runs as the `postgres` user (it refuses root), so its data directory must be
# reachable by that user. A checkout under /root or in a `mktemp -d` folder is not: then the
# state lives under /var/tmp/educube-run/ and `.stack` links there, so every path that names
# `.stack` keeps working. An EDUCUBE_RUN set by the caller is used as given.
pick_run_dir() {
  local default="$REPO_ROOT/.stack" alt
  if [[ $(id -u) -ne 0 ]] || ! id postgres >/dev/null 2>&1 || runuser -u postgres -- test -x "$REPO_ROOT"; then
    echo "$default"; return 0
  fi
  alt="/var/tmp/educube-run/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
  mkdir -p "$alt" && chmod 755 /var/tmp/educube-run "$alt"
  if [[ $(readlink "$default" 2>/dev/null) != "$alt" ]]; then
    # an earlier run's real .stack folder (logs only: PostgreSQL never started there) moves over
    if [[ -d $default && ! -L $default ]]; then cp -a "$default/." "$alt/" && rm -rf "$default"; fi
    ln -sfn "$alt" "$default"
    printf '[stack] user postgres cannot traverse %s; runtime state is in %s (.stack links there)\n' "$REPO_ROOT" "$alt" >&2
  fi
  echo "$alt"
}
if [[ -z ${EDUCUBE_RUN:-} ]]; then EDUCUBE_RUN="$(pick_run_dir)"; fi

EDUCUBE_PG_PORT="${EDUCUBE_PG_PORT:-25432}"
EDUCUBE_KAFKA_PORT="${EDUCUBE_KAFKA_PORT:-29092}"
EDUCUBE_KAFKA_CONTROLLER_PORT="${EDUCUBE_KAFKA_CONTROLLER_PORT:-29093}"
EDUCUBE_KEYCLOAK_PORT="${EDUCUBE_KEYCLOAK_PORT:-28080}"

mkdir -p "$EDUCUBE_CACHE" "$EDUCUBE_RUN"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# wait_for_tcp HOST PORT SECONDS — true once something accepts connections there.
wait_for_tcp() {
  local host=$1 port=$2 secs=$3 i
  for ((i = 0; i < secs * 4; i++)); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

# pid_alive FILE — true when FILE holds the pid of a running process.
pid_alive() {
  [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid FILE NAME — TERM, wait up to 30 s, then KILL.
stop_pid() {
  local file=$1 name=$2 pid i
  if ! pid_alive "$file"; then log "$name is not running"; rm -f "$file"; return 0; fi
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s; killing"; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$file"
  log "$name stopped"
}

# pick_java MIN_MAJOR — prints the path of a java binary of at least that major version:
# JAVA_HOME's if it qualifies, else the newest of the machine's JDKs.
pick_java() {
  local min=$1 cand v best="" best_v=0
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    v=$(java_major "$JAVA_HOME/bin/java")
    [[ $v -ge $min ]] && { echo "$JAVA_HOME/bin/java"; return 0; }
  fi
  for cand in /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null || true)"; do
    [[ -x $cand ]] || continue
    v=$(java_major "$cand")
    [[ $v -ge $min && $v -gt $best_v ]] && { best=$cand; best_v=$v; }
  done
  [[ -n $best ]] && echo "$best"
}

java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  v=${v%%.*}
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# show_logs FILE [-f] — the last lines of a server's log, or follow it.
show_logs() {
  [[ -f $1 ]] || die "no log yet at $1"
  if [[ ${2:-} == -f ]]; then exec tail -n 100 -F "$1"; fi
  tail -n 200 "$1"
}

# usage — prints the calling script's header comment (line 2 up to `set -euo`) and exits 2.
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
