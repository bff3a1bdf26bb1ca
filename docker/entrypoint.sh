#!/bin/sh
# Starts one EduCube Hub service: the one named by the first argument, else by $SERVICE, from the
# compiled tree (npm run build) under $EDUCUBE_APP_DIR (default /app, the image's layout; set it to
# a checkout to run the same entrypoint there: EDUCUBE_APP_DIR=$PWD SERVICE=identity docker/entrypoint.sh).
# exec, so node is PID 1 and receives SIGTERM itself (the services drain on it).
set -eu

app_dir="${EDUCUBE_APP_DIR:-/app}"
service="${1:-${SERVICE:-}}"
# Names are folder names under dist/apps/; anything else (a path, a typo) is refused before node runs.
case "$service" in
  '' | *[!a-z0-9-]*) service_ok=no ;;
  *) if [ -f "$app_dir/dist/apps/$service/src/main.js" ]; then service_ok=yes; else service_ok=no; fi ;;
esac
if [ "$service_ok" != yes ]; then
  echo "educube-service: choose a service with SERVICE=<name> or as the first argument; got '${service}'." >&2
  if [ -d "$app_dir/dist/apps" ]; then
    echo "available: $(ls "$app_dir/dist/apps" | tr '\n' ' ')" >&2
  else
    echo "no compiled services in $app_dir/dist/apps: run npm run build there, or set EDUCUBE_APP_DIR" >&2
  fi
  exit 78 # EX_CONFIG, as the services use for bad configuration
fi

export SERVICE="$service"
# The gateway's default cockpit folder is derived from its source location, which the compiled
# tree does not share; point it at the cockpit Vite built beside the services.
export COCKPIT_DIR="${COCKPIT_DIR:-$app_dir/dist/cockpit}"
exec node "$app_dir/dist/apps/$service/src/main.js"
