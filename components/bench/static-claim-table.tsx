// Bench-only (bench/scale.bench.ts): a static table shaped like the dashboard's rows — the same columns, plain
// text, no database and no client component. It is the "floor" a real list page is compared with: what the
// layout plus N rows of markup cost before any query or interactivity.
const STATUSES = ["Editing", "Submitted", "Under review", "Partner action required", "Approved", "Rejected"];

export function StaticClaimTable({ rows }: { rows: number }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Static claims (benchmark floor)</caption>
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Customer</th>
          <th scope="col">MPN ID</th>
          <th scope="col">Program</th>
          <th scope="col">Status</th>
          <th scope="col">Deadline</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i}>
            <td>
              <a href={`/claims/bulk_${i}`}>CPOR-{String(100000 + i)}</a>
            </td>
            <td>Customer {i} · customer{i}.example</td>
            <td>9000000</td>
            <td>{i % 2 ? "OSA" : "OSU"}</td>
            <td>{STATUSES[i % STATUSES.length]}</td>
            <td>12/{String(1 + (i % 28)).padStart(2, "0")}/2026 · 3 business days left</td>
            <td>11/{String(1 + (i % 28)).padStart(2, "0")}/2026</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `?rows=` of a floor page: 25 or 50 like the lists, at most 200. */
export function floorRows(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 && n <= 200 ? n : 25;
}
