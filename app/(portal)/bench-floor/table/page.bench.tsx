// Bench-only route (built only with CPOR_BENCH_ROUTES=1, see next.config.ts): the static table inside the portal
// layout — session, user lookup, header, messages — with no query of its own. bench/scale.bench.ts compares the
// dashboard, review queue and admin list with it.
import { floorRows, StaticClaimTable } from "@/components/bench/static-claim-table";

export default async function InLayoutFloorPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const rows = floorRows((await props.searchParams).rows);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Static table</h1>
      <StaticClaimTable rows={rows} />
    </section>
  );
}
