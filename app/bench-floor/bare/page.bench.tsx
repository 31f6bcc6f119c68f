// Bench-only route (built only with CPOR_BENCH_ROUTES=1): the same static table with no portal layout and no
// session — the cheapest page this Next.js build can serve, the floor of the in-layout floor.
import { floorRows, StaticClaimTable } from "@/components/bench/static-claim-table";

export default async function BareFloorPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const rows = floorRows((await props.searchParams).rows);
  return (
    <main>
      <h1>Static table</h1>
      <StaticClaimTable rows={rows} />
    </main>
  );
}
