// The OpenAPI document: valid OpenAPI 3.1 (@readme/openapi-parser), generated from the zod schemas, and
// covering exactly the route handlers under app/api/v1 (found on disk, so a new route without a document
// entry — or an entry without a route — fails here); its schemas refuse what the server refuses (checked with a
// JSON Schema validator). Redocly's lint and a typed client built from it run in scripts/check-api-client.ts.
import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../../lib/openapi/document";
import Ajv2020 from "ajv/dist/2020";
import { CLAIM_STATUSES, DYNAMICS_PRODUCTS } from "../../lib/claims/catalogue";
import {
  ACTION_COMMENT_DESCRIPTION,
  actionBodySchema,
  claimDraftSchema,
  claimListQuerySchema,
  claimPatchSchema,
  claimResourceSchema,
  commentBodySchema,
  PROBLEM_CODES,
} from "../../lib/claims/schemas";
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
    // Shared responses (401, 429, 500, 503) and the 405 of methods that are no operation are documented once.
    const documentedOnce = ["UNAUTHENTICATED", "RATE_LIMITED", "INTERNAL", "UNAVAILABLE", "METHOD_NOT_ALLOWED"];
    for (const code of PROBLEM_CODES) {
      if (documentedOnce.includes(code)) continue;
      expect(text, code).toContain(`\`${code}\``);
    }
    expect(document.info.description).toContain("405\n`METHOD_NOT_ALLOWED` with `Allow`");
    expect(document.components.responses.InternalError.description).toContain("`INTERNAL`");
    expect(document.components.responses.Unavailable.description).toContain("`UNAVAILABLE`");
    expect(text).toContain('"503":{"$ref":"#/components/responses/Unavailable"}');
    for (const [p, item] of Object.entries(document.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (isPublic) continue;
        expect(op.responses["401"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/Unauthenticated" });
        expect(op.responses["429"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/RateLimited" });
        expect(op.responses["500"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/InternalError" });
        for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
          expect(Object.values(STATUS_BY_CODE), `${method} ${p} ${status}`).toContain(Number(status));
        }
      }
    }
    expect(document.paths["/consent/{token}/deny"].post.security).toEqual([]);
    expect(document.paths["/claims/{id}"].patch.parameters.find((p: Json) => p.name === "If-Match")).toMatchObject({ in: "header", required: true });
  });

  it("every operation that takes a JSON body documents its 413, and every operation but the document itself a 4XX", () => {
    for (const [p, item] of Object.entries(document.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        if (op.requestBody?.content["application/json"]) expect(op.responses["413"]?.description, `${method} ${p}`).toMatch(/JSON body is over 1 MiB/);
        if (op.operationId === "getOpenApiDocument") continue; // public and static: it has no 4XX to give
        expect(Object.keys(op.responses).some((status) => /^4\d\d$/.test(status)), `${method} ${p}`).toBe(true);
      }
    }
  });

  it("declares binary bodies so that generated clients type them as bytes, and the download as the stored type with its ETag", () => {
    const upload = document.paths["/claims/{id}/poe"].post.requestBody.content["application/octet-stream"].schema;
    expect(upload).toMatchObject({ type: "string", format: "binary" });
    const download = document.paths["/claims/{id}/poe/{poeId}"].get;
    expect(Object.keys(download.responses["200"].content)).toEqual(["*/*"]);
    expect(download.responses["200"].headers.ETag.description).toMatch(/SHA-256/);
    expect(download.responses["304"]).toBeDefined();
    expect(download.parameters.find((p: Json) => p.name === "If-None-Match")).toMatchObject({ in: "header", required: false });
  });

  it("names every status of the list's counts (no propertyNames a generated client would lose)", () => {
    const counts = document.components.schemas.ClaimList.properties.counts;
    expect(counts.propertyNames).toBeUndefined();
    expect(Object.keys(counts.properties)).toEqual([...CLAIM_STATUSES]);
  });

  it("export.csv offers the list's filters and sort but not the paging it ignores", () => {
    const names = (op: Json) => op.parameters.map((p: Json) => p.name);
    expect(names(document.paths["/claims"].get)).toEqual(expect.arrayContaining(["page", "pageSize"]));
    const exported = names(document.paths["/claims/export.csv"].get);
    expect(exported).not.toContain("page");
    expect(exported).not.toContain("pageSize");
    expect(exported).toEqual(expect.arrayContaining(["status", "q", "overdue", "sort"]));
  });

  it("every action body documents its comment, posted to the claim's thread", () => {
    for (const action of Object.keys(actionBodySchema)) {
      const ref: string = document.paths[`/claims/{id}/actions/${action}`].post.requestBody.content["application/json"].schema.$ref;
      const body = document.components.schemas[ref.split("/").pop()!];
      expect(body.properties.comment?.description, action).toContain(ACTION_COMMENT_DESCRIPTION);
    }
  });
});

/**
 * The document's schemas refuse what the server refuses: the same inputs through the zod schema the route
 * uses and through a JSON Schema validator reading the document give the same verdict.
 */
describe("OpenAPI schemas and the server agree", () => {
  const document = buildOpenApiDocument() as Json;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: "https://cpor.test/openapi.json", components: document.components });
  const validatorOf = (schema: Json) =>
    ajv.compile(schema.$ref ? { $ref: `https://cpor.test/openapi.json${schema.$ref}` } : schema);

  const TENANT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  const SUB_A = "0b7f2a51-8c2e-4a4e-9d0f-1f5b6c7d8e9a";
  const SUB_B = "a1b2c3d4-e5f6-4789-8abc-def012345678";
  const contact = { name: "Ada Lovelace", title: "CTO", email: "ada@contoso.com" };

  it("PATCH bodies: at least one known field, each product once, no blank names", () => {
    const validate = validatorOf(document.paths["/claims/{id}"].patch.requestBody.content["application/json"].schema);
    const cases: [string, unknown, boolean][] = [
      ["empty", {}, false],
      ["only unknown fields", { colour: "blue" }, false],
      ["one field", { commentary: "Workshops in March." }, true],
      ["two workloads", { products: [{ kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "EXCHANGE" }] }, true],
      ["a repeated workload", { products: [{ kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "TEAMS" }] }, false],
      [
        "one Dynamics product with two subscriptions",
        {
          products: [
            { kind: "DYNAMICS", name: DYNAMICS_PRODUCTS[0], subscriptionId: SUB_A },
            { kind: "DYNAMICS", name: DYNAMICS_PRODUCTS[0], subscriptionId: SUB_B },
          ],
        },
        false,
      ],
      ["a contact", { customerContact: contact }, true],
      ["a contact named with spaces only", { customerContact: { ...contact, name: "   " } }, false],
      ["a customer named with spaces only", { customer: { tenantId: TENANT, domain: "contoso.com", name: " \t " } }, false],
      ["a customer named with spaces around", { customer: { tenantId: TENANT, domain: "contoso.com", name: " Contoso " } }, true],
    ];
    for (const [name, body, accepted] of cases) {
      expect(claimPatchSchema.safeParse(body).success, `server: ${name}`).toBe(accepted);
      expect(validate(body), `document: ${name}`).toBe(accepted);
    }
  });

  it("list query: overdue is true or false, nothing else", () => {
    const overdue = document.paths["/claims"].get.parameters.find((p: Json) => p.name === "overdue").schema;
    const validate = validatorOf(overdue);
    for (const [value, accepted] of [["true", true], ["false", true], ["yes", false], ["1", false], ["TRUE", false]] as const) {
      expect(claimListQuerySchema.safeParse({ overdue: value }).success, `server: ${value}`).toBe(accepted);
      expect(validate(value), `document: ${value}`).toBe(accepted);
    }
  });

  it("comments: text of spaces only is refused by both", () => {
    const validate = validatorOf(document.paths["/claims/{id}/comments"].post.requestBody.content["application/json"].schema);
    for (const [body, accepted] of [[{ body: "   " }, false], [{ body: " ok " }, true], [{}, false]] as const) {
      expect(commentBodySchema.safeParse(body).success).toBe(accepted);
      expect(validate(body)).toBe(accepted);
    }
  });
});
