// Bench-only route (built only with CPOR_BENCH_ROUTES=1): the trivial route handler, the API's floor.
export function GET() {
  return Response.json({ ok: true });
}
