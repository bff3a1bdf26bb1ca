#!/usr/bin/env bash
# The stack mode's servers, all three: PostgreSQL, Kafka (KRaft) and Keycloak as local
# processes. Usage: stack.sh start|stop|status|run-dir (run-dir prints where their state lives)
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
here="$(dirname "${BASH_SOURCE[0]}")"

timed() { # timed NAME CMD… — runs CMD and records how long it took, for the test report
  local name=$1 t0 ms; shift
  t0=$(date +%s%3N)
  "$@"
  ms=$(($(date +%s%3N) - t0))
  printf '%s %d.%d\n' "$name" $((ms / 1000)) $((ms % 1000 / 100)) >>"$EDUCUBE_RUN/startup-times"
}

case "${1:-}" in
  start)
    : >"$EDUCUBE_RUN/startup-times"
    timed postgres bash "$here/postgres.sh" start >"$EDUCUBE_RUN/postgres.env"
    timed kafka bash "$here/kafka.sh" start
    timed keycloak bash "$here/keycloak.sh" start
    log "all three servers are up:"
    sed 's/^/  started in seconds: /' "$EDUCUBE_RUN/startup-times" >&2
    cat <<INFO
DATABASE_URL=postgres://educube:educube@127.0.0.1:$EDUCUBE_PG_PORT/educube
TEST_DATABASE_URL=postgres://educube:educube@127.0.0.1:$EDUCUBE_PG_PORT/educube_test
KAFKA_BROKERS=127.0.0.1:$EDUCUBE_KAFKA_PORT
KEYCLOAK_URL=http://127.0.0.1:$EDUCUBE_KEYCLOAK_PORT
OIDC_ISSUER=http://127.0.0.1:$EDUCUBE_KEYCLOAK_PORT/realms/educube
# stop them with: npm run stack:stop
INFO
    ;;
  stop)
    bash "$here/keycloak.sh" stop || true
    bash "$here/kafka.sh" stop || true
    bash "$here/postgres.sh" stop || true
    ;;
  status)
    rc=0
    bash "$here/postgres.sh" status || rc=1
    bash "$here/kafka.sh" status || rc=1
    bash "$here/keycloak.sh" status || rc=1
    exit $rc
    ;;
  run-dir) echo "$EDUCUBE_RUN" ;;
  *) echo "usage: $0 start|stop|status|run-dir" >&2; exit 2 ;;
esac
