// Builds the OpenAPI 3.1 document of api-v1 from lib/openapi/operations.ts and the zod schemas it names.
// Every schema comes from z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses as is); schemas with a
// `.meta({ id })` become components. A request body is converted as zod's "input" and a response as its
// "output"; where the two differ for the same id (e.g. a default makes a field optional on input only), the
// input one is named `<id>Input`.
import { z } from "zod";
import { problemSchema, type ProblemCode } from "../claims/schemas";
import { STATUS_BY_CODE } from "../http/problem";
import { DEFAULT_API_RATE_LIMIT_PER_MINUTE } from "../api/rate-limit";
import { OPERATIONS, type OperationSpec } from "./operations";

type Io = "input" | "output";
type Json = Record<string, unknown>;

export const OPENAPI_SERVER_PATH = "/api/v1";

const DESCRIPTION = `
The HTTP API of the CPOR Claims Portal: partners' tools create claims, upload proof of execution (PoE) and
follow their claims; reviewers' tools decide them. It calls the same claim service as the portal's pages,
so every rule is the same.

**Authentication.** \`Authorization: Bearer <API key>\`. Create a key in the portal under Settings → API keys
(it is shown once), or ask an operator (\`npm run apikey -- create --email <you>\`). A key acts as its user,
with that user's role and organization. A missing, unknown or revoked key, or one whose user was
deactivated, is 401.

**Errors** are \`application/problem+json\`: \`{ type, title, status, code, detail, errors? }\`; \`errors\` lists
\`{ path, message }\` for 422 \`VALIDATION\`. Checks run in this order: authentication (401) → visibility (404;
another organization's claim answers exactly like a missing one) → role (403) → body (422) → version
(409 \`CONFLICT\`) → status (409 \`INVALID_TRANSITION\`) → business rules (422). Unknown body fields are ignored.

**Concurrency.** \`GET /claims/{id}\` returns \`ETag: "<version>"\`; \`PATCH\` requires \`If-Match\` with it, and
every action accepts \`version\` in its body with the same meaning.

**Rate limits.** Each key may make ${DEFAULT_API_RATE_LIMIT_PER_MINUTE} requests per minute by default (bursts
up to the same number); beyond that 429 \`RATE_LIMITED\` with \`Retry-After\` in seconds.
\`X-RateLimit-Limit\` and \`X-RateLimit-Remaining\` come with every answer to an authenticated request.

Times are ISO-8601 UTC strings; \`{id}\` is a claim's opaque \`id\`, never its \`number\` (\`CPOR-000123\`).
`.trim();

const PROBLEM_TITLE: Partial<Record<number, string>> = {
  401: "No valid API key",
  403: "The caller's role may not do this",
  404: "Not found (or another organization's, which answers the same)",
  409: "Conflict with the claim's current state",
  410: "The consent link was used or its window has ended",
  413: "The file is larger than the limit",
  415: "The file's type is not accepted, or its content does not match its name",
  422: "Invalid request",
  428: "If-Match is required",
  429: "Too many requests for this key",
};

/** A converted schema waiting for component names: its refs still point at `#/$defs/<id>`. */
interface Pending {
  io: Io;
  json: Json;
}

class SchemaCollector {
  /** Raw definitions by id and direction, refs as `#/$defs/<id>`. */
  private readonly defs: Record<Io, Map<string, Json>> = { input: new Map(), output: new Map() };
  private readonly pending: Pending[] = [];

  /** The schema as it will appear in the document (resolved by `finish`). */
  use(schema: z.ZodType, io: Io): Json {
    const converted = z.toJSONSchema(schema, {
      io,
      target: "draft-2020-12",
      unrepresentable: "any",
      // zod marks responses' objects closed; api-v1 promises to add fields freely, so clients must not be told
      // that no other property can ever appear.
      override: ({ jsonSchema }) => {
        if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    }) as Json;
    const { $schema: _schema, $defs, ...root } = converted;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
      const known = this.defs[io].get(id);
      if (known && JSON.stringify(known) !== JSON.stringify(def)) {
        throw new Error(`Two different schemas use the OpenAPI id "${id}"`);
      }
      this.defs[io].set(id, def);
    }
    const holder: Pending = { io, json: root };
    this.pending.push(holder);
    return holder as unknown as Json;
  }

  /** Names every component, rewrites every ref, and returns components.schemas. */
  finish(document: Json): Record<string, Json> {
    const differs = this.differingIds();
    const name = (id: string, io: Io) =>
      io === "input" && differs.has(id) && this.defs.output.has(id) ? `${id}Input` : id;
    const rewrite = (value: unknown, io: Io): unknown => {
      if (Array.isArray(value)) return value.map((item) => rewrite(item, io));
      if (value && typeof value === "object") {
        return Object.fromEntries(
          Object.entries(value).map(([key, inner]) =>
            key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/")
              ? [key, `#/components/schemas/${name(inner.slice("#/$defs/".length), io)}`]
              : [key, rewrite(inner, io)],
          ),
        );
      }
      return value;
    };
    const schemas: Record<string, Json> = {};
    for (const io of ["output", "input"] as const) {
      for (const [id, def] of this.defs[io]) schemas[name(id, io)] ??= rewrite(def, io) as Json;
    }
    // Replace each placeholder handed out by `use` with its rewritten schema.
    const replace = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(replace);
      if (value && typeof value === "object") {
        const pending = this.pending.find((p) => p === value);
        if (pending) return rewrite(pending.json, pending.io);
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
      }
      return value;
    };
    Object.assign(document, replace(document));
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Ids whose input and output forms differ, directly or through a schema they reference. */
  private differingIds(): Set<string> {
    const refsOf = (def: Json) => [...JSON.stringify(def).matchAll(/"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]);
    const differs = new Set<string>();
    for (const [id, input] of this.defs.input) {
      const output = this.defs.output.get(id);
      if (output && JSON.stringify(output) !== JSON.stringify(input)) differs.add(id);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, input] of this.defs.input) {
        if (!differs.has(id) && refsOf(input).some((ref) => differs.has(ref))) {
          differs.add(id);
          changed = true;
        }
      }
    }
    return differs;
  }
}

function problemResponses(codes: readonly ProblemCode[]): Record<string, Json> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(STATUS_BY_CODE[code], [...(byStatus.get(STATUS_BY_CODE[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => {
        if (status === 401) return ["401", { $ref: "#/components/responses/Unauthenticated" }];
        if (status === 429) return ["429", { $ref: "#/components/responses/RateLimited" }];
        return [
          String(status),
          {
            description: `${PROBLEM_TITLE[status] ?? "Error"} (code ${list.map((c) => `\`${c}\``).join(" or ")}).`,
            content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
        ];
      }),
  );
}

const SUCCESS_HEADERS: Record<string, Json> = {
  ETag: { description: 'The claim\'s version, quoted: `"3"`. Send it as If-Match.', schema: { type: "string" } },
  Location: { description: "The URL of the created resource.", schema: { type: "string" } },
  "Content-Disposition": { description: "Always `attachment`, with the file's name.", schema: { type: "string" } },
};

function operationObject(op: OperationSpec, schemas: SchemaCollector): Json {
  const parameters: Json[] = [];
  for (const param of op.pathParams ?? []) {
    parameters.push({ name: param.name, in: "path", required: true, description: param.description, schema: { type: "string" } });
  }
  if (op.query) {
    const query = z.toJSONSchema(op.query, { io: "input", target: "draft-2020-12", reused: "inline" }) as Json;
    const root = (query.$ref ? (query.$defs as Record<string, Json>)[String(query.$ref).split("/").pop()!] : query) as Json;
    const required = (root.required as string[] | undefined) ?? [];
    for (const [name, schema] of Object.entries(root.properties as Record<string, Json>)) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: "query",
        required: required.includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  for (const header of op.headers ?? []) {
    parameters.push({ name: header.name, in: "header", required: header.required, description: header.description, schema: header.schema });
  }

  const success = op.success;
  const content =
    success.content.kind === "json"
      ? { "application/json": { schema: schemas.use(success.content.schema, "output") } }
      : success.content.kind === "csv"
        ? { "text/csv": { schema: { type: "string" } } }
        : success.content.kind === "binary"
          ? { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } }
          : { "application/json": { schema: { type: "object", description: "An OpenAPI 3.1 document." } } };
  const headers = Object.fromEntries((success.headers ?? []).map((name) => [name, SUCCESS_HEADERS[name]]));
  if (op.auth) {
    headers["X-RateLimit-Limit"] = { $ref: "#/components/headers/X-RateLimit-Limit" };
    headers["X-RateLimit-Remaining"] = { $ref: "#/components/headers/X-RateLimit-Remaining" };
  }

  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    ...(op.auth ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody:
            op.body.kind === "json"
              ? {
                  required: op.body.required,
                  content: { "application/json": { schema: schemas.use(op.body.schema, "input") } },
                }
              : {
                  required: true,
                  description: op.body.description,
                  content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
                },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        ...(Object.keys(headers).length ? { headers } : {}),
        content,
      },
      ...problemResponses(op.errors),
    },
  };
}

/** The OpenAPI 3.1 document (a fresh object on every call). */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): Json {
  const schemas = new SchemaCollector();
  const problem = schemas.use(problemSchema, "output");
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) {
    (paths[op.path] ??= {})[op.method] = operationObject(op, schemas);
  }
  const document: Json = {
    openapi: "3.1.0",
    info: {
      title: "CPOR Claims Portal API",
      version: "1.0.0",
      summary: "Customer association claims: create, upload proof of execution, submit, review and decide.",
      description: DESCRIPTION,
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: options.serverUrl ?? OPENAPI_SERVER_PATH }],
    security: [{ apiKey: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cpor_<prefix>_<secret>",
          description: "An API key from Settings → API keys, sent as `Authorization: Bearer <key>`.",
        },
      },
      headers: {
        "X-RateLimit-Limit": { description: "Requests per minute this key may make.", schema: { type: "integer" } },
        "X-RateLimit-Remaining": { description: "Requests left right now.", schema: { type: "integer" } },
      },
      responses: {
        Unauthenticated: {
          description: "Missing, unknown or revoked API key, or its user is deactivated (code `UNAUTHENTICATED`).",
          headers: { "WWW-Authenticate": { description: 'Always `Bearer realm="cpor-api"`.', schema: { type: "string" } } },
          content: { "application/problem+json": { schema: problem } },
        },
        RateLimited: {
          description: "Too many requests for this key (code `RATE_LIMITED`).",
          headers: {
            "Retry-After": { description: "Seconds to wait before the next request.", schema: { type: "integer" } },
          },
          content: { "application/problem+json": { schema: problem } },
        },
      },
      schemas: {},
    },
  };
  const componentSchemas = schemas.finish(document);
  (document.components as Json).schemas = componentSchemas;
  return document;
}
