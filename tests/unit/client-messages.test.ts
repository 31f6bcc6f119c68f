// Client components get only the message namespaces their part of the portal sends (messages/client-namespaces.ts).
// Reads every "use client" file: each namespace it uses must be sent to the part of the portal it lives in — for
// files under app/, the part its folder's layout names; for shared components, at least one part.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, clientMessagesOf, type ClientMessageArea } from "../../messages/client-namespaces";

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const clientFiles = [...filesUnder("app"), ...filesUnder("components")]
  .map((file) => ({ file, source: fs.readFileSync(path.join(ROOT, file), "utf8") }))
  .filter(({ source }) => /^\s*["']use client["']/m.test(source));

function namespacesUsed(source: string): string[] {
  return [...source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)].map((m) => m[1] ?? "(all)");
}

/** The area the nearest layout.tsx above `file` (inside app/) gives its client components. */
function areaOf(file: string): ClientMessageArea {
  for (let dir = path.dirname(file); dir.startsWith("app"); dir = path.dirname(dir)) {
    const layout = path.join(ROOT, dir, "layout.tsx");
    if (!fs.existsSync(layout)) continue;
    const area = /<ClientMessages area="([^"]+)"/.exec(fs.readFileSync(layout, "utf8"))?.[1];
    if (area) return area as ClientMessageArea;
  }
  return "everywhere";
}

describe("client message namespaces", () => {
  it("finds the client components (the scan works)", () => {
    expect(clientFiles.length).toBeGreaterThan(10);
    expect(clientFiles.some(({ source }) => namespacesUsed(source).length > 0)).toBe(true);
  });

  it("every namespace a client component uses is sent to some part of the portal; none uses the whole catalogue", () => {
    const sent = new Set<string>(Object.values(CLIENT_MESSAGES).flat());
    const missing = clientFiles.flatMap(({ file, source }) => namespacesUsed(source).filter((ns) => !sent.has(ns)).map((ns) => `${file}: ${ns}`));
    expect(missing).toEqual([]);
  });

  it("a client component under app/ gets its namespaces from its own part's layout", () => {
    const wrong = clientFiles
      .filter(({ file }) => file.startsWith("app"))
      .flatMap(({ file, source }) => {
        const area = areaOf(file);
        const has = new Set<string>([...CLIENT_MESSAGES.everywhere, ...CLIENT_MESSAGES[area]]);
        return namespacesUsed(source).filter((ns) => !has.has(ns)).map((ns) => `${file} (${area}): ${ns}`);
      });
    expect(wrong).toEqual([]);
  });

  it("picks only the part's namespaces plus those every page needs", () => {
    const all = { errors: { a: 1 }, login: { b: 2 }, claimForm: { c: 3 }, dashboard: { d: 4 } };
    expect(Object.keys(clientMessagesOf(all, "signIn")).sort()).toEqual(["errors", "login"]);
    expect(Object.keys(clientMessagesOf(all, "everywhere"))).toEqual(["errors"]);
  });
});
