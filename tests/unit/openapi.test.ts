// The OpenAPI document: valid OpenAPI 3.1 (@readme/openapi-parser), generated from the zod schemas, and
// covering exactly the route handlers under app/api/v1 (found on disk, so a new route without a document
// entry — or an entry without a route — fails here).
import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../../lib/openapi/document";
import { actionBodySchema, claimDraftSchema, claimResourceSchema, PROBLEM_CODES } from "../../lib/claims/schemas";
import { STATUS_BY_CODE } from "../../lib/http/problem";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every (method, path) a route file under app/api/v1 really serves (not the "unsupported method" stubs). */
function routesOnDisk(): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(API_DIR, dir).split(path.sep).filter(Boolean);
        if (segments.some((s) => s.startsWith("[...") || s.startsWith("[[..."))) continue; // the catch-all answers 404 for everything
        const source = fs.readFileSync(full, "utf8");
        const stubbed = new Set(/unsupportedMethods\(/.test(source) ? (/export const \{([^}]+)\} = unsupportedMethods/.exec(source)?.[1] ?? "").split(",").map((m) => m.trim()) : []);
        const served = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(source) && !stubbed.has(m));
        const routePath = "/" + segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
        for (const method of served) routes.push({ method: method.toLowerCase(), path: routePath });
      }
    }
  };
  walk(API_DIR);
  return routes;
}

/** The document's operations, with `/claims/{id}/actions/<name>` folded back into the route's `{action}`. */
function documentedRoutes(document: Json): { method: string; path: string }[] {
  return Object.entries(document.paths as Json).flatMap(([p, item]) =>
    Object.keys(item).map((method) => ({ method, path: p.replace(/^\/claims\/\{id\}\/actions\/[a-z-]+$/, "/claims/{id}/actions/{action}") })),
  );
}

const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument() as Json;

  it("is valid OpenAPI 3.1", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("covers every route handler under app/api/v1 and nothing else", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(15);
    expect([...new Set(documentedRoutes(document).map(key))].sort()).toEqual([...new Set(onDisk.map(key))].sort());
  });

  it("documents each action of the actions route as its own path with its own body schema", () => {
    for (const action of Object.keys(actionBodySchema)) {
      const op = document.paths[`/claims/{id}/actions/${action}`]?.post;
      expect(op, action).toBeDefined();
      expect(op.requestBody.content["application/json"].schema.$ref).toMatch(/^#\/components\/schemas\/\w+Body$/);
    }
  });

  it("its schemas are zod's own JSON Schema of the shared schemas, not hand-written", () => {
    const schemas = document.components.schemas as Json;
    const fromZod = z.toJSONSchema(claimResourceSchema, { io: "output" }) as Json;
    const claim = fromZod.$defs.Claim;
    expect(Object.keys(schemas.Claim.properties)).toEqual(Object.keys(claim.properties));
    expect(schemas.Claim.required).toEqual(claim.required);
    const draft = (z.toJSONSchema(claimDraftSchema, { io: "input" }) as Json).$defs.ClaimDraft;
    expect(schemas.ClaimDraft.required).toEqual(draft.required);
    expect(document.paths["/claims"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ClaimDraft" });
    // Responses promise no closed objects: api-v1 adds fields freely.
    expect(JSON.stringify(schemas)).not.toContain('"additionalProperties":false');
  });

  it("every $ref resolves to a component", () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, kind, name] of refs) expect(document.components[kind]?.[name], `${kind}/${name}`).toBeDefined();
  });

  it("every problem code of the contract appears with its status, and authenticated operations document 401 and 429", () => {
    const text = JSON.stringify(document.paths);
    for (const code of PROBLEM_CODES) {
      if (code === "UNAUTHENTICATED" || code === "RATE_LIMITED") continue; // shared responses
      expect(text, code).toContain(`\`${code}\``);
    }
    for (const [p, item] of Object.entries(document.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (isPublic) continue;
        expect(op.responses["401"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/Unauthenticated" });
        expect(op.responses["429"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/RateLimited" });
        for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
          expect(Object.values(STATUS_BY_CODE), `${method} ${p} ${status}`).toContain(Number(status));
        }
      }
    }
    expect(document.paths["/consent/{token}/deny"].post.security).toEqual([]);
    expect(document.paths["/claims/{id}"].patch.parameters.find((p: Json) => p.name === "If-Match")).toMatchObject({ in: "header", required: true });
  });
});
