#!/usr/bin/env bash
# Installs the locked dependencies when they are missing or older than package-lock.json.
# `npm ci` also runs `prisma generate` (postinstall) through the offline schema engine in prisma/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
elif [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
  npx prisma generate >/dev/null
fi
