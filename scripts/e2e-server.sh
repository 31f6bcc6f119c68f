#!/usr/bin/env bash
# Started by Playwright (playwright.config.ts → webServer): a fresh database with the demo data, then the
# production server on E2E_PORT. PostgreSQL from TEST_DATABASE_URL when reachable, else embedded PGlite —
# except under CI, where an unreachable PostgreSQL is an error (CI must test the production database).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
PORT=${E2E_PORT:-3100}
DATA=.data/e2e-$PORT
DB_NAME=cpor_e2e_$PORT
rm -rf "$DATA" && mkdir -p "$DATA"
if [ "${CPOR_PG_AVAILABLE:-1}" != 0 ] && node scripts/pg-reachable.mjs "${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"; then
  base=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
  export DATABASE_URL="${base%/*}/$DB_NAME"
  node -e "
    const pg = require('pg'); const c = new pg.Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query('DROP DATABASE IF EXISTS ' + process.argv[2] + ' WITH (FORCE)')).then(() => c.end());
  " "$base" "$DB_NAME"
elif [ -n "${CI:-}" ] && [ "${CI}" != false ] && [ "${CI}" != 0 ]; then
  echo "!! CI: PostgreSQL is not reachable at ${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}; e2e refuses to fall back to PGlite." >&2
  exit 1
else
  echo "!! PostgreSQL is not reachable: e2e runs on the embedded PGlite database." >&2
  export DATABASE_URL=pglite:./$DATA/pglite
fi
# Tests read these (the .eml files hold customer consent links; tests/e2e/partner-helpers.ts reads them).
export STORAGE_DIR=./$DATA/files MAIL_DIR=./$DATA/mail
export NEXTAUTH_SECRET=e2e-only-secret-not-for-production NEXTAUTH_URL="http://localhost:$PORT"
export AUDIT_CHAIN_KEY=e2e-only-audit-chain-key-not-for-production
export SWEEP_INTERVAL_SECONDS=0 CPOR_DEMO=1
# tests/e2e/webhooks.spec.ts registers an http://127.0.0.1 receiver (development-only setting, docs/operations.md).
export WEBHOOKS_ALLOW_INSECURE=1
echo "e2e database: ${DATABASE_URL%%:*}"
npx prisma migrate deploy >/dev/null
npx tsx prisma/seed.ts
[ -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ] || npx next build
exec npx next start -p "$PORT"
