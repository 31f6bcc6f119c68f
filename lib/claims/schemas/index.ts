// Zod schemas shared by the server actions, the REST API (docs/api.md) and the forms, so that a value is
// valid or invalid the same way on every route. The OpenAPI document is generated from these with
// z.toJSONSchema; to keep that possible in both directions (request bodies as "input", responses as "output")
// no exported schema uses .transform(): normalisation is done with .trim()/.toLowerCase()/.overwrite() (which
// keep the type) and blank-to-absent with z.preprocess (which JSON Schema shows as the inner schema).
//
// Messages are for the person filling in the form: each says what to enter, not what zod expected.
//
// One file per purpose; this index re-exports them all so `@/lib/claims/schemas` is the one import path.

export * from "./limits";
export * from "./claim-fields";
export * from "./action-bodies";
export * from "./list-query";
export * from "./settings";
export * from "./api-resources";
export * from "./field-errors";
export * from "./import";
