#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker in KRaft mode (one JVM is both broker and
# controller) as a local process, from the jars published on Maven Central. No Docker needed.
#
#   scripts/stack/kafka.sh install      fetch the broker's jars once (cached, shared by checkouts)
#   scripts/stack/kafka.sh start        format storage once, start in the background, wait until
#                                       the broker answers metadata calls (idempotent)
#   scripts/stack/kafka.sh stop         stop it (data is kept in $EDUCUBE_RUN/kafka/data)
#   scripts/stack/kafka.sh status       exit 0 = ready, 1 = running but not ready, 3 = stopped
#   scripts/stack/kafka.sh logs [-f]    last lines of the broker log (or follow it)
#
# DEV ONLY: plaintext, no authentication, one replica of everything; bound to 127.0.0.1.
#
# Environment (besides what common.sh reads): EDUCUBE_KAFKA_VERSION, EDUCUBE_KAFKA_PORT,
# EDUCUBE_KAFKA_CONTROLLER_PORT, EDUCUBE_KAFKA_HEAP (JVM heap flags), EDUCUBE_KAFKA_JAVA (java
# binary to use), EDUCUBE_KAFKA_CLUSTER_ID (used only when formatting new storage),
# EDUCUBE_KAFKA_START_TIMEOUT (seconds).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_VERSION="${EDUCUBE_KAFKA_VERSION:-4.4.0}"
KAFKA_FILES="$REPO_ROOT/scripts/stack/kafka"
KAFKA_POM="$KAFKA_FILES/pom.xml"
# The jars are shared by every checkout, so nothing ever writes into this directory once made.
KAFKA_LIB="$EDUCUBE_CACHE/kafka/$KAFKA_VERSION/lib"
KAFKA_RUN="$EDUCUBE_RUN/kafka"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_CONF="$KAFKA_RUN/server.properties"
KAFKA_LOG="$KAFKA_RUN/kafka.log"
KAFKA_PID="$KAFKA_RUN/kafka.pid"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="$EDUCUBE_KAFKA_PORT"
CONTROLLER_PORT="$EDUCUBE_KAFKA_CONTROLLER_PORT"
BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
# A fixed id (base64url of "educube-kafka-01") rather than a random one, so every checkout's
# broker looks the same in logs and client errors. Only read when the storage is formatted.
CLUSTER_ID="${EDUCUBE_KAFKA_CLUSTER_ID:-ZWR1Y3ViZS1rYWZrYS0wMQ}"
START_TIMEOUT="${EDUCUBE_KAFKA_START_TIMEOUT:-120}"
# Kafka's own scripts default to 1 GiB; a dev broker with a few topics needs far less.
KAFKA_HEAP="${EDUCUBE_KAFKA_HEAP:--Xms128m -Xmx512m}"

# Kafka 4 brokers need Java 17+ (their classes are Java 17 bytecode).
kafka_java() {
  if [[ -n ${EDUCUBE_KAFKA_JAVA:-} ]]; then echo "$EDUCUBE_KAFKA_JAVA"; return 0; fi
  pick_java 17 || die "no JDK 17+ found (Kafka $KAFKA_VERSION needs Java 17 or newer)"
}

java_version() { "$1" -version 2>&1 | head -n 1; }

# A pid file can outlive its process and the pid be reused, so "running" means that pid is
# alive and is a Kafka JVM.
kafka_running() {
  pid_alive "$KAFKA_PID" && ps -o args= -p "$(cat "$KAFKA_PID")" 2>/dev/null | grep -q 'kafka\.Kafka'
}

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }

# A hash of the pom beside the jars: when the pom changes (a dependency added), the cached jars
# are stale even though the version is the same.
pom_sum() { sha256sum "$KAFKA_POM" | cut -d' ' -f1; }

installed() {
  [[ -f $KAFKA_LIB/kafka_2.13-$KAFKA_VERSION.jar && -f $KAFKA_LIB/.pom.sha256 ]] &&
    [[ $(<"$KAFKA_LIB/.pom.sha256") == "$(pom_sum)" ]]
}

cmd_install() {
  if installed; then
    log "Kafka $KAFKA_VERSION already installed in $KAFKA_LIB"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: it fetches Kafka's jars from Maven Central"
  mkdir -p "$EDUCUBE_CACHE/kafka/$KAFKA_VERSION"
  local tmp start=$SECONDS
  # Copy beside the final place and rename at the end, so an interrupted install never looks
  # installed.
  tmp=$(mktemp -d "$EDUCUBE_CACHE/kafka/$KAFKA_VERSION/.install.XXXXXX")
  log "fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its runtime dependencies from Maven Central"
  if ! mvn -B -q -Dstyle.color=never --strict-checksums -f "$KAFKA_POM" \
    dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" \
    -DincludeScope=runtime \
    -DoutputDirectory="$tmp/lib" >&2; then
    rm -rf "$tmp"
    die "download of Kafka $KAFKA_VERSION failed"
  fi
  [[ -f $tmp/lib/kafka_2.13-$KAFKA_VERSION.jar ]] || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after download"; }
  pom_sum >"$tmp/lib/.pom.sha256"
  rm -rf "$KAFKA_LIB"
  mv "$tmp/lib" "$KAFKA_LIB"
  rm -rf "$tmp"
  log "installed Kafka $KAFKA_VERSION ($(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars) in $KAFKA_LIB in $((SECONDS - start)) s"
}

# Rendered on every start rather than once, so a changed port or template takes effect.
render_config() {
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$KAFKA_DATA|g" \
    "$KAFKA_FILES/server.properties.template" >"$KAFKA_CONF"
}

# KRaft refuses to start on unformatted storage. Formatting is done once: doing it again would
# need a wipe, and the data (topics, offsets) is meant to survive restarts.
format_storage() {
  local java=$1
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  log "formatting $KAFKA_DATA (cluster id $CLUSTER_ID, standalone controller)"
  mkdir -p "$KAFKA_DATA"
  # --standalone makes this node the single voter of a dynamic quorum, which is what
  # controller.quorum.bootstrap.servers in the config expects.
  if ! "$java" -Dlog4j2.configurationFile="$KAFKA_FILES/log4j2.properties" -Dkafka.root.level=WARN \
    -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format --standalone \
    --cluster-id "$CLUSTER_ID" --config "$KAFKA_CONF" >"$KAFKA_RUN/format.log" 2>&1; then
    cat "$KAFKA_RUN/format.log" >&2
    die "formatting the Kafka storage failed"
  fi
  { grep -v '^Bootstrap metadata:' "$KAFKA_RUN/format.log" || true; } | sed 's/^/  /' >&2
}

# probe_classes JAVA — prints a directory holding KafkaReady.class, compiling it once per
# version of KafkaReady.java with the JDK's javac. Precompiled and run on a classpath of just
# kafka-clients + slf4j-api, the probe takes about a second; as a single-file source program on
# the broker's full classpath it takes about three, which `start` and `status` would pay each time.
probe_classes() {
  local javac sum dir tmp
  javac="$(dirname "$(readlink -f "$1")")/javac"
  [[ -x $javac ]] || return 1
  sum=$(sha256sum "$KAFKA_FILES/KafkaReady.java" | cut -c1-12)
  dir="$EDUCUBE_CACHE/kafka/$KAFKA_VERSION/probe-$sum"
  if [[ ! -f $dir/KafkaReady.class ]]; then
    tmp=$(mktemp -d "$EDUCUBE_CACHE/kafka/$KAFKA_VERSION/.probe.XXXXXX")
    # --release 17: the cache is shared, and a class built by a newer JDK must still load on 17.
    "$javac" -nowarn --release 17 -d "$tmp" -cp "$KAFKA_LIB/kafka-clients-$KAFKA_VERSION.jar" \
      "$KAFKA_FILES/KafkaReady.java" >&2 || { rm -rf "$tmp"; return 1; }
    # Another checkout may have won the race; theirs is the same class.
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  fi
  echo "$dir"
}

# probe JAVA SECONDS — runs the readiness probe (KafkaReady.java) against the broker; prints its
# one-line summary on stdout when ready. Without a log binding on its classpath SLF4J prints
# three "SLF4J:" notices on stderr (the probe's logging is not wanted anyway).
probe() {
  local java=$1 secs=$2 dir
  local cp=("$KAFKA_LIB/kafka-clients-$KAFKA_VERSION.jar" "$KAFKA_LIB"/slf4j-api-*.jar)
  # C1 only: a JVM that lives for a second gains nothing from the optimising compiler.
  if dir=$(probe_classes "$java"); then
    "$java" -XX:TieredStopAtLevel=1 -cp "$dir:${cp[0]}:${cp[1]}" KafkaReady "$BOOTSTRAP" "$secs"
  else
    # No javac beside this java: let the launcher compile the source in memory (slower).
    "$java" -XX:TieredStopAtLevel=1 -cp "${cp[0]}:${cp[1]}" "$KAFKA_FILES/KafkaReady.java" "$BOOTSTRAP" "$secs"
  fi
}

# Prints the probe's last result from the file wait_ready/cmd_start keep it in.
probe_result() { grep -v '^SLF4J:' "$KAFKA_RUN/ready" 2>/dev/null || true; }

startup_failed() {
  log "$1; last log lines:"
  tail -n 40 "$KAFKA_LOG" >&2 || true
  return 1
}

# wait_ready JAVA SECONDS — first until the port accepts connections (cheap, no JVM competing
# with the booting broker for the CPU), then until the probe gets metadata; gives up early if
# the broker process dies.
wait_ready() {
  local java=$1 deadline=$((SECONDS + $2)) probe_pid rc
  until port_open "$KAFKA_PORT"; do
    kafka_running || startup_failed "Kafka exited during startup" || return 1
    ((SECONDS < deadline)) || startup_failed "Kafka did not open port $KAFKA_PORT within $2 s" || return 1
    sleep 0.25
  done
  probe "$java" "$((deadline - SECONDS > 5 ? deadline - SECONDS : 5))" >"$KAFKA_RUN/ready" 2>&1 &
  probe_pid=$!
  while kill -0 "$probe_pid" 2>/dev/null; do
    if ! kafka_running; then
      kill "$probe_pid" 2>/dev/null || true
      wait "$probe_pid" 2>/dev/null || true
      startup_failed "Kafka exited during startup" || return 1
    fi
    sleep 0.25
  done
  rc=0
  wait "$probe_pid" || rc=$?
  if ((rc != 0)); then
    probe_result >&2
    startup_failed "Kafka did not answer metadata calls within $2 s" || return 1
  fi
  return 0
}

print_info() {
  cat <<EOF
Kafka $KAFKA_VERSION (KRaft, broker+controller) is ready (pid $(cat "$KAFKA_PID"))
  bootstrap:        $BOOTSTRAP
  controller:       $KAFKA_HOST:$CONTROLLER_PORT
  state:            $(probe_result | tail -n 1)
  data:             $KAFKA_DATA
  log:              $KAFKA_LOG
  stop with:        scripts/stack/kafka.sh stop
EOF
}

# Two starts at once (say, a developer and a test runner) must not launch two brokers on the
# same data directory.
take_lock() {
  mkdir -p "$KAFKA_RUN"
  if command -v flock >/dev/null; then
    exec 9>"$KAFKA_RUN/.lock"
    flock 9
  fi
}

cmd_start() {
  take_lock
  local java
  if kafka_running; then
    java=$(kafka_java)
    if ! probe "$java" 5 >"$KAFKA_RUN/ready" 2>&1; then
      log "Kafka (pid $(cat "$KAFKA_PID")) is running but not answering yet; waiting"
      wait_ready "$java" "$START_TIMEOUT" || die "Kafka did not become ready (see $KAFKA_LOG)"
    fi
    print_info
    return 0
  fi
  rm -f "$KAFKA_PID"
  # Something else on our ports would make Kafka fail late and obscurely; say so now.
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT on $KAFKA_HOST is in use by another process (set EDUCUBE_KAFKA_PORT)"
  port_open "$CONTROLLER_PORT" && die "port $CONTROLLER_PORT on $KAFKA_HOST is in use by another process (set EDUCUBE_KAFKA_CONTROLLER_PORT)"

  cmd_install
  java=$(kafka_java)
  log "using $java ($(java_version "$java"))"
  render_config
  format_storage "$java"
  [[ -f $KAFKA_LOG ]] && mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"

  local heap
  read -r -a heap <<<"$KAFKA_HEAP"
  log "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller $KAFKA_HOST:$CONTROLLER_PORT)"
  local start=$SECONDS
  # setsid: the broker must outlive this script and not die with the caller's process group
  # (Ctrl-C in a terminal, a task runner killing its job). The inner shell writes its own pid
  # and then execs java, so the pid file holds the JVM's pid whether or not setsid forked, and
  # `stop`'s TERM reaches the JVM directly, which then shuts down cleanly.
  # GC flags: those of Kafka's own kafka-run-class.sh (short pauses keep client timeouts quiet).
  # 9>&-: the broker must not inherit the start lock, or it would hold it for its whole life.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID" \
    "$java" "${heap[@]}" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_FILES/log4j2.properties" \
    -Dkafka.logs.dir="$KAFKA_RUN" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONF" \
    >"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  # The pid file is written by the child; give it a moment to appear.
  local i
  for ((i = 0; i < 40; i++)); do [[ -s $KAFKA_PID ]] && break; sleep 0.05; done
  [[ -s $KAFKA_PID ]] || die "Kafka launcher did not start (see $KAFKA_LOG)"

  wait_ready "$java" "$START_TIMEOUT" || { cmd_stop >/dev/null 2>&1 || true; die "Kafka did not become ready (see $KAFKA_LOG)"; }
  log "Kafka ready in $((SECONDS - start)) s"
  print_info
}

cmd_stop() {
  take_lock
  # A stale pid file whose pid now belongs to another program must not get that program killed.
  if [[ -f $KAFKA_PID ]] && ! kafka_running; then
    log "Kafka is not running"
    rm -f "$KAFKA_PID"
    return 0
  fi
  stop_pid "$KAFKA_PID" Kafka
}

cmd_status() {
  if ! kafka_running; then
    echo "Kafka: stopped"
    return 3
  fi
  local summary
  if summary=$(probe "$(kafka_java)" 5 2>/dev/null); then
    echo "Kafka: running and ready (pid $(cat "$KAFKA_PID")) at $BOOTSTRAP, $summary"
    return 0
  fi
  echo "Kafka: running (pid $(cat "$KAFKA_PID")) but not answering metadata calls yet at $BOOTSTRAP"
  return 1
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) show_logs "$KAFKA_LOG" "${2:-}" ;;
  *) usage ;;
esac
