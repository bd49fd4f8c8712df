#!/bin/sh
# Entrypoint of the Cartwheel image (Dockerfile): one image, three roles.
#   api      the HTTP API only (WORKER=off); run as many replicas as traffic needs
#   worker   background jobs only (WORKER=only); still serves /health/* and /metrics for probes
#   migrate  apply pending database migrations, then exit (a release step; the Kubernetes Job)
# Extra arguments are passed on to node. Runs from a checkout too, after `npm run build`.
set -eu

app_root="$(cd "$(dirname "$0")/.." && pwd)"
role="${1:-api}"
if [ "$#" -gt 0 ]; then shift; fi

case "$role" in
  api)
    export WORKER=off
    exec node "$app_root/apps/server/dist/main.js" "$@"
    ;;
  worker)
    export WORKER=only
    exec node "$app_root/apps/server/dist/main.js" "$@"
    ;;
  migrate)
    exec node "$app_root/apps/server/dist/cli.js" migrate "$@"
    ;;
  *)
    echo "usage: entrypoint.sh api|worker|migrate (got '$role')" >&2
    exit 64
    ;;
esac
