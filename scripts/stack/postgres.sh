#!/usr/bin/env bash
# A real PostgreSQL server from Debian's packages, run as a local process on its own port and
# data directory, so tests and the stack never touch a system cluster.
# Usage: postgres.sh install|start|stop|status|logs|psql
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_DIR="$EDUCUBE_RUN/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_USER=educube
PG_PASSWORD="${EDUCUBE_PG_PASSWORD:-educube}"
DATABASES=(educube educube_test educube_assessment)

pg_bin() {
  local dir
  dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1)
  [[ -n $dir ]] && echo "$dir"
}

# initdb and the server refuse to run as root; Debian's package creates the postgres user.
as_owner() {
  # from /, which postgres can always enter (the checkout may be closed to it); every path is absolute
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

install() {
  if [[ -n $(pg_bin) ]]; then return 0; fi
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is missing: install the postgresql package"
  log "installing PostgreSQL from Debian's packages"
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  # The package's own cluster is not used; policy-rc.d keeps apt from trying to start it.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  [[ -n $(pg_bin) ]] || die "apt-get finished but no PostgreSQL binaries were found under /usr/lib/postgresql"
}

ready() {
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$EDUCUBE_PG_PORT"
}

start() {
  install
  local bin; bin=$(pg_bin)
  if ready; then
    log "already running on 127.0.0.1:$EDUCUBE_PG_PORT"
  else
    mkdir -p "$PG_DIR"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres:postgres "$PG_DIR"
      runuser -u postgres -- test -x "$PG_DIR" ||
        die "user postgres cannot reach $PG_DIR; set EDUCUBE_RUN to a directory it can traverse"
    fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
      log "initialising a new cluster in $PG_DATA"
      local pwfile; pwfile=$(mktemp); printf '%s\n' "$PG_PASSWORD" >"$pwfile"; chmod 644 "$pwfile"
      as_owner "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
      rm -f "$pwfile"
      # Sized for a 2-core, 24 GiB machine running the whole stack; fsync stays on because the
      # durability promises (and the benchmarks against COPY) are only honest with it.
      cat >>"$PG_DATA/postgresql.conf" <<CONF
max_connections = 200
shared_buffers = 512MB
wal_buffers = 16MB
max_wal_size = 2GB
checkpoint_timeout = 15min
log_min_duration_statement = 1000
CONF
    fi
    # A server of this data dir that does not answer on our port (port changed, or hung) is
    # restarted rather than left holding the lock.
    if [[ -f $PG_DATA/postmaster.pid ]]; then
      log "a server of $PG_DATA is running but not on port $EDUCUBE_PG_PORT; restarting it"
      as_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
    fi
    log "starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$EDUCUBE_PG_PORT"
    # Address and port on the command line, not in the cluster's config, so a changed
    # EDUCUBE_PG_PORT applies to an existing data directory too.
    as_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $EDUCUBE_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR" start >/dev/null || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
  fi
  local db
  for db in "${DATABASES[@]}"; do
    if [[ -z $(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$EDUCUBE_PG_PORT" -U "$PG_USER" -d postgres -tAc "select 1 from pg_database where datname = '$db'") ]]; then
      PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -p "$EDUCUBE_PG_PORT" -U "$PG_USER" -d postgres -c "create database $db"
    fi
  done
  echo "DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$EDUCUBE_PG_PORT/educube"
  echo "TEST_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$EDUCUBE_PG_PORT/educube_test"
  echo "ASSESSMENT_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$EDUCUBE_PG_PORT/educube_assessment"
  log "ready; stop with: bash scripts/stack/postgres.sh stop"
}

stop() {
  local bin; bin=$(pg_bin) || { log "PostgreSQL is not installed"; return 0; }
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    as_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && log "stopped"
  else
    log "not running"
  fi
}

status() {
  if [[ -n $(pg_bin) ]] && ready; then echo "postgres: running on 127.0.0.1:$EDUCUBE_PG_PORT"; else echo "postgres: stopped"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  logs) show_logs "$PG_LOG" "${2:-}" ;;
  psql) shift; PGPASSWORD=$PG_PASSWORD exec psql -h 127.0.0.1 -p "$EDUCUBE_PG_PORT" -U "$PG_USER" -d educube "$@" ;;
  *) echo "usage: $0 install|start|stop|status|logs|psql" >&2; exit 2 ;;
esac
