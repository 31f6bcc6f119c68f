#!/usr/bin/env bash
# `npm start`: the production server. Applies pending migrations, then serves the build with a bounded V8 heap:
# the old generation is capped at NODE_HEAP_MB (default 384 MB) so that the collector works within it instead of
# letting garbage pile up while memory is plentiful (docs/operations.md "Memory": measured 1.1 GB peak under 20
# connections unbounded, ~600 MB with this cap). Arguments go to `next start` (e.g. -p 3000 -H 0.0.0.0). An
# operator's own NODE_OPTIONS comes after ours, so its --max-old-space-size, if any, wins.
# The scale benchmark starts the server through this same path (bench/lib/server.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent db:migrate
export NODE_OPTIONS="--max-old-space-size=${NODE_HEAP_MB:-384}${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node node_modules/next/dist/bin/next start "$@"
