#!/usr/bin/env bash
# `npm test`: install, then every check: types, lint, unit, integration (real PostgreSQL), e2e (Chromium).
#   TEST_DATABASE_URL  PostgreSQL server used by integration and e2e tests; each run creates and drops its
#                      own databases there (default postgresql://postgres@127.0.0.1:5432/postgres).
#   CHROMIUM_PATH      browser for Playwright (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

bash scripts/ensure-deps.sh
step() { echo; echo "━━ $1"; }

step "type check"
npx tsc --noEmit
step "lint"
npx eslint . --max-warnings 0
step "unit tests"
npx vitest run --project unit

if node scripts/pg-reachable.mjs "$TEST_DATABASE_URL"; then
  export CPOR_PG_AVAILABLE=1
else
  export CPOR_PG_AVAILABLE=0
  echo "!! PostgreSQL is not reachable at $TEST_DATABASE_URL: integration tests are reported as SKIPPED, and e2e runs on PGlite."
fi
step "integration tests (PostgreSQL)"
npx vitest run --project integration

step "build"
npx next build
step "end-to-end tests (Playwright + Chromium)"
npx playwright test
