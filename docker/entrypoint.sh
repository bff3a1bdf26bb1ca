#!/bin/sh
# Starts one EduCube Hub service: the one named by the first argument, else by $SERVICE.
# exec, so node is PID 1 and receives SIGTERM itself (the services drain on it).
set -eu

service="${1:-${SERVICE:-}}"
# Names are folder names under apps/; anything else (a path, a typo) is refused before node runs.
case "$service" in
  '' | *[!a-z0-9-]*) service_ok=no ;;
  *) if [ -f "apps/$service/src/main.ts" ]; then service_ok=yes; else service_ok=no; fi ;;
esac
if [ "$service_ok" != yes ]; then
  echo "educube-service: choose a service with SERVICE=<name> or as the first argument; got '${service}'." >&2
  echo "available: $(ls apps | tr '\n' ' ')" >&2
  exit 78 # EX_CONFIG, as the services use for bad configuration
fi

export SERVICE="$service"
exec node -r @swc-node/register "apps/$service/src/main.ts"
