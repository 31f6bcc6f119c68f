#!/usr/bin/env bash
# `npm run demo`: install, build, migrate and seed the embedded database, then serve the portal.
# Uses PostgreSQL instead when DATABASE_URL is set. PORT defaults to 3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
export CPOR_DEMO=1
PORT=${PORT:-3000}
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}
mkdir -p .data
# Demo only: a random session secret kept beside the embedded database. Production sets NEXTAUTH_SECRET.
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  [ -s .data/nextauth-secret ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > .data/nextauth-secret
  NEXTAUTH_SECRET=$(cat .data/nextauth-secret)
  export NEXTAUTH_SECRET
fi
# Likewise the key that signs the history's tamper-evident chain (keep it: rows signed with a lost key no longer verify).
if [ -z "${AUDIT_CHAIN_KEY:-}" ]; then
  [ -s .data/audit-chain-key ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > .data/audit-chain-key
  AUDIT_CHAIN_KEY=$(cat .data/audit-chain-key)
  export AUDIT_CHAIN_KEY
fi

bash scripts/ensure-deps.sh
echo "› building the portal (next build)…"
npx next build >/tmp/cpor-demo-build.log 2>&1 || { cat /tmp/cpor-demo-build.log; exit 1; }
echo "› applying database migrations…"
npx prisma migrate deploy >/dev/null
echo "› loading demo data (skipped when the database already has claims)…"
npx tsx prisma/seed.ts --if-empty
npx tsx scripts/print-demo-banner.ts "$NEXTAUTH_URL"
exec npx next start -p "$PORT"
