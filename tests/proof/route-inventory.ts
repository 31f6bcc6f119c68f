// The portal's routes as the file system declares them, for the isolation matrix: every page (app/**/page.tsx),
// every route handler (app/**/route.ts) and every exported server action (files starting with "use server").
// The matrix tests compare these lists with their rows, so a new route without a row fails them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = () => walk(APP).map((file) => path.relative(ROOT, file).split(path.sep).join("/"));

/** URL pattern of a page or route file: route groups dropped, e.g. "/claims/[id]/edit". */
export function urlPattern(file: string): string {
  const segments = path.posix.dirname(file).split("/").slice(1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Every page, as its URL pattern. */
export function pagePatterns(): string[] {
  return files().filter((f) => /\/page\.tsx?$/.test(f)).map(urlPattern).sort();
}

/** Every route handler file, as its URL pattern (API ones start with /api/v1). */
export function routeHandlerPatterns(): string[] {
  return files().filter((f) => /\/route\.tsx?$/.test(f)).map(urlPattern).sort();
}

/** Every exported function of every "use server" file, as "app/…/actions.ts#name". */
export function serverActions(): string[] {
  return files()
    .filter((f) => /\.tsx?$/.test(f))
    .flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      if (!/^\s*(?:\/\/[^\n]*\n\s*)*["']use server["']/.test(text)) return [];
      return [...text.matchAll(/^export\s+(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+)\s*=)/gm)].map((m) => `${file}#${m[1] ?? m[2]}`);
    })
    .sort();
}
