// Builds the OpenAPI 3.1 document of api-v1 from lib/openapi/operations.ts and the zod schemas it names.
// The schemas are zod's own JSON Schema (2020-12, which OpenAPI 3.1 uses as is): every schema with a
// `.meta({ id })` is converted by `z.toJSONSchema` on zod's registry, which writes the cross-references
// between components itself; this file only names the request ("input") and response ("output") forms and
// keeps the components the operations reach. A little over ~300 lines: the API's prose (DESCRIPTION) and the
// shared responses sit here beside the one function that assembles them.
// Over ~300 lines on purpose: one builder that maps every operation kind to its OpenAPI form.
import { z } from "zod";
import { problemSchema, type ProblemCode } from "../claims/schemas";
import { STATUS_BY_CODE } from "../http/problem";
import { DEFAULT_API_RATE_LIMIT_PER_MINUTE } from "../api/rate-limit";
import { OPERATIONS, TAGS, type OperationSpec } from "./operations";

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
A path that is not an endpoint is 404 \`NOT_FOUND\`; a method an endpoint's path does not accept is 405
\`METHOD_NOT_ALLOWED\` with \`Allow\` listing the methods it does. JSON bodies over 1 MiB are 413
\`PAYLOAD_TOO_LARGE\`. An unexpected failure is 500 \`INTERNAL\` (the cause is logged, never shown); a database
that cannot be reached is 503 \`UNAVAILABLE\` with \`Retry-After\`.

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
  415: "The file's type is not accepted, or its content does not match its name",
  422: "Invalid request",
  428: "If-Match is required",
  429: "Too many requests for this key",
};

const COMPONENTS = "#/components/schemas/";

const CONVERT = {
  target: "draft-2020-12",
  unrepresentable: "any",
  // zod marks responses' objects closed; api-v1 promises to add fields freely, so clients must not be told
  // that no other property can ever appear.
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
  },
} as const;

/** The component id of a schema the document names (its `.meta({ id })`). */
function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("A request or response schema of the OpenAPI document has no .meta({ id })");
  return id;
}

/** Every schema with a `.meta({ id })`, converted by zod as one registry; refs go through `name`. */
function convertRegistry(io: Io, name: (id: string) => string): Record<string, Json> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { ...CONVERT, io, uri: (id) => `${COMPONENTS}${name(id)}` });
  return Object.fromEntries(
    Object.entries(schemas as Record<string, Json>).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

const refsIn = (schema: Json) =>
  [...JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);

/**
 * components.schemas from zod's registry conversion, in both directions: a request body is zod's "input" and
 * a response its "output". Where the two differ for one id (a default makes a field optional on input only),
 * directly or through a schema it references, the input one is named `<id>Input`. Only what the operations
 * reach is kept (the registry also holds schemas the API does not use).
 */
class Components {
  private readonly used: Record<Io, Set<string>> = { input: new Set(), output: new Set() };

  /** A `$ref` to the schema's component in the given direction. */
  ref(schema: z.ZodType, io: Io): Json {
    const id = idOf(schema);
    this.used[io].add(id);
    return { $ref: `zod:${io}:${id}` };
  }

  /** Converts, names and prunes; rewrites the placeholders `ref` handed out inside `document`. */
  finish(document: Json): Record<string, Json> {
    const output = convertRegistry("output", (id) => id);
    const plainInput = convertRegistry("input", (id) => id);
    const differs = new Set(Object.keys(plainInput).filter((id) => JSON.stringify(plainInput[id]) !== JSON.stringify(output[id])));
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, schema] of Object.entries(plainInput)) {
        if (!differs.has(id) && refsIn(schema).some((ref) => differs.has(ref))) {
          differs.add(id);
          changed = true;
        }
      }
    }
    const inputName = (id: string) => (differs.has(id) ? `${id}Input` : id);
    const input = convertRegistry("input", inputName);
    const components: Record<string, Json> = {};
    const keep = (io: Io, id: string) => {
      const name = io === "input" ? inputName(id) : id;
      if (components[name]) return;
      const schema = (io === "input" ? input : output)[id];
      if (!schema) throw new Error(`The OpenAPI document references an unknown schema "${id}"`);
      components[name] = schema;
      for (const ref of refsIn(schema)) {
        if (ref.startsWith("__shared")) throw new Error(`Schema "${id}" needs an unnamed shared definition; give it a .meta({ id })`);
        keep(io, ref.endsWith("Input") && differs.has(ref.slice(0, -"Input".length)) ? ref.slice(0, -"Input".length) : ref);
      }
    };
    for (const io of ["output", "input"] as const) for (const id of this.used[io]) keep(io, id);
    const text = JSON.stringify(document).replace(/"zod:(input|output):(\w+)"/g, (_m, io: Io, id: string) =>
      JSON.stringify(`${COMPONENTS}${io === "input" ? inputName(id) : id}`),
    );
    Object.assign(document, JSON.parse(text));
    return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function problemResponses(codes: readonly ProblemCode[], title: (status: number) => string | undefined): Record<string, Json> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(STATUS_BY_CODE[code], [...(byStatus.get(STATUS_BY_CODE[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => {
        if (status === 401) return ["401", { $ref: "#/components/responses/Unauthenticated" }];
        if (status === 429) return ["429", { $ref: "#/components/responses/RateLimited" }];
        if (status === 500) return ["500", { $ref: "#/components/responses/InternalError" }];
        if (status === 503) return ["503", { $ref: "#/components/responses/Unavailable" }];
        return [
          String(status),
          {
            description: `${title(status) ?? PROBLEM_TITLE[status] ?? "Error"} (code ${list.map((c) => `\`${c}\``).join(" or ")}).`,
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
  "PoE-ETag": {
    description: "The file's SHA-256 (as in the PoE item), quoted. Send it as If-None-Match to get 304 for an unchanged file.",
    schema: { type: "string" },
  },
};

/** A binary body: bytes, declared so that generated clients type it as a Blob, not a string. */
const BINARY = { type: "string", format: "binary", contentMediaType: "application/octet-stream" };

function operationObject(op: OperationSpec, schemas: Components): Json {
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
      ? { "application/json": { schema: schemas.ref(success.content.schema, "output") } }
      : success.content.kind === "csv"
        ? { "text/csv": { schema: { type: "string" } } }
        : success.content.kind === "stored-file"
          ? // Sent with the type stored at upload (the PoE item's contentType), whatever it is.
            { "*/*": { schema: { type: "string", format: "binary", description: "The file's bytes, sent with the Content-Type stored at upload." } } }
          : success.content.kind === "none"
            ? undefined
            : { "application/json": { schema: { type: "object", description: "An OpenAPI 3.1 document." } } };
  const headers = Object.fromEntries(
    (success.headers ?? []).map((name) => (name === "PoE-ETag" ? ["ETag", SUCCESS_HEADERS[name]] : [name, SUCCESS_HEADERS[name]])),
  );
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
                  content: { "application/json": { schema: schemas.ref(op.body.schema, "input") } },
                }
              : {
                  required: true,
                  description: op.body.description,
                  content:
                    op.body.kind === "csv"
                      ? { "text/csv": { schema: { type: "string" } } }
                      : { "application/octet-stream": { schema: BINARY } },
                },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(content ? { content } : {}),
      },
      ...(success.notModified ? { 304: { description: success.notModified, headers: { ETag: SUCCESS_HEADERS["PoE-ETag"] } } } : {}),
      ...problemResponses(
        [...op.errors, ...(op.body?.kind === "json" ? (["PAYLOAD_TOO_LARGE"] as const) : []), "INTERNAL", "UNAVAILABLE"],
        (status) =>
          status !== 413 ? undefined : op.body?.kind === "json" ? "The JSON body is over 1 MiB" : "The file is over the PoE size limit (a setting)",
      ),
    },
  };
}

/** The OpenAPI 3.1 document (a fresh object on every call). */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): Json {
  const schemas = new Components();
  const problem = schemas.ref(problemSchema, "output");
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
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
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
        Unavailable: {
          description: "The database cannot be reached (code `UNAVAILABLE`); retry later.",
          headers: {
            "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
          },
          content: { "application/problem+json": { schema: problem } },
        },
        InternalError: {
          description: "Unexpected server error (code `INTERNAL`); the cause is logged on the server, never shown.",
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
