#!/bin/sh
# Starts the Herald process named by HERALD_SERVICE; extra arguments go to it (e.g. `migrate`).
set -eu
case "${HERALD_SERVICE:-}" in
  event-ingest|templating|compliance|dispatch|receipts|smsc-simulator) ;;
  "") echo "HERALD_SERVICE is not set: one of event-ingest, templating, compliance, dispatch, receipts, smsc-simulator" >&2; exit 64 ;;
  *) echo "HERALD_SERVICE=${HERALD_SERVICE} is not a Herald service: one of event-ingest, templating, compliance, dispatch, receipts, smsc-simulator" >&2; exit 64 ;;
esac
# --no-memory-reducer (not allowed in NODE_OPTIONS, hence here): see tools/platform/services.js.
exec node --no-memory-reducer -r ./tools/runtime/register.js "dist/apps/${HERALD_SERVICE}/src/main.js" "$@"
