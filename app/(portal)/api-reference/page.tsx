import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Fragment, type ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { buildOpenApiDocument, OPENAPI_SERVER_PATH } from "@/lib/openapi/document";

// A readable rendering of /api/v1/openapi.json, server-side and without scripts or third-party assets (the
// CSP is 'self'). The document itself is generated from the zod schemas; nothing here restates it.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHOD_STYLE: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-900",
  post: "bg-blue-100 text-blue-900",
  patch: "bg-amber-100 text-amber-900",
};

function anchorOf(method: string, path: string): string {
  return `op-${method}-${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`;
}

/** The document's descriptions use `code` and **bold** only. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("\n\n").map((paragraph, index) => (
        <p key={index} className="mt-1">
          {paragraph.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) =>
            part.startsWith("`") ? (
              <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
                {part.slice(1, -1)}
              </code>
            ) : part.startsWith("**") ? (
              <strong key={i}>{part.slice(2, -2)}</strong>
            ) : (
              <Fragment key={i}>{part}</Fragment>
            ),
          )}
        </p>
      ))}
    </>
  );
}

/** A schema's type in one line: `string`, `integer ≥ 1`, `Claim[]` (linked), `"A" | "B"`… */
function TypeOf({ schema }: { schema: Json | undefined }): ReactNode {
  if (!schema) return "any";
  if (schema.$ref) {
    const name = String(schema.$ref).split("/").pop()!;
    return (
      <a href={`#schema-${name}`} className="text-blue-800 underline">
        {name}
      </a>
    );
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (Array.isArray(schema.enum)) return <code>{schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ")}</code>;
  const variants = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(variants)) {
    return variants.map((variant: Json, i: number) => (
      <Fragment key={i}>
        {i > 0 ? " | " : null}
        <TypeOf schema={variant} />
      </Fragment>
    ));
  }
  if (schema.type === "array") {
    return (
      <>
        <TypeOf schema={schema.items} />
        []
      </>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  const notes = [
    schema.format,
    schema.pattern ? `pattern ${schema.pattern}` : null,
    schema.minLength !== undefined ? `≥ ${schema.minLength} chars` : null,
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : null,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${schema.maximum}` : null,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
  ].filter(Boolean);
  return (
    <>
      <code>{type}</code>
      {notes.length ? <span className="text-slate-600"> ({notes.join(", ")})</span> : null}
    </>
  );
}

export default async function ApiReferencePage() {
  await requireUser();
  const t = await getTranslations("apiReference");
  const document = buildOpenApiDocument() as Json;
  const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
  );
  const tags: string[] = document.tags.map((tag: Json) => tag.name);
  const schemas = Object.entries(document.components.schemas as Json);
  const th = "px-2 py-1 text-left font-medium";
  const td = "px-2 py-1 align-top";

  return (
    <article aria-labelledby="api-reference-title" className="space-y-8">
      <header className="space-y-2">
        <h1 id="api-reference-title" className="text-2xl font-semibold">
          {t("title")} <span className="text-base font-normal text-slate-600">v{document.info.version}</span>
        </h1>
        <p className="text-slate-700">{t("intro")}</p>
        <p className="flex flex-wrap gap-4 text-sm">
          <a href={`${OPENAPI_SERVER_PATH}/openapi.json`} className="text-blue-800 underline" download="cpor-openapi.json">
            {t("download")}
          </a>
          <Link href="/settings/api-keys" className="text-blue-800 underline">
            {t("manageKeys")}
          </Link>
        </p>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("baseUrl")}</dt>
          <dd>
            <code>{OPENAPI_SERVER_PATH}</code>
          </dd>
          <dt className="font-medium">{t("authTitle")}</dt>
          <dd>
            {t("authText")} <code>Authorization: Bearer cpor_…</code>
          </dd>
        </dl>
        <div className="max-w-4xl text-sm text-slate-800" lang="en">
          <Prose text={document.info.description} />
        </div>
      </header>

      <nav aria-labelledby="api-contents" className="rounded border border-slate-300 bg-white p-4 text-sm">
        <h2 id="api-contents" className="font-semibold">
          {t("contents")}
        </h2>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${anchorOf(method, path)}`} className="text-blue-800 underline">
                <span className="font-mono">{method.toUpperCase()}</span> <span className="font-mono">{path}</span>
              </a>{" "}
              <span className="text-slate-600" lang="en">
                — {op.summary}
              </span>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="api-endpoints" className="space-y-6">
        <h2 id="api-endpoints" className="text-xl font-semibold">
          {t("endpoints")}
        </h2>
        {tags.map((tag) => (
          <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
            <h3 id={`tag-${tag}`} className="text-lg font-semibold" lang="en">
              {tag}
            </h3>
            {operations
              .filter(({ op }) => op.tags?.[0] === tag)
              .map(({ path, method, op }) => {
                const body = op.requestBody as Json | undefined;
                const bodySchema = body?.content?.["application/json"]?.schema;
                return (
                  <section
                    key={`${method} ${path}`}
                    id={anchorOf(method, path)}
                    aria-labelledby={`${anchorOf(method, path)}-title`}
                    className="rounded border border-slate-300 bg-white p-4 text-sm"
                    data-testid="api-operation"
                  >
                    <h4 id={`${anchorOf(method, path)}-title`} className="flex flex-wrap items-center gap-2 text-base">
                      <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold ${METHOD_STYLE[method] ?? ""}`}>{method.toUpperCase()}</span>
                      <code className="font-semibold">{OPENAPI_SERVER_PATH + path}</code>
                      <span className="font-normal text-slate-700" lang="en">
                        {op.summary}
                      </span>
                    </h4>
                    {Array.isArray(op.security) && op.security.length === 0 ? (
                      <p className="mt-1 text-xs font-medium text-emerald-800">{t("noKey")}</p>
                    ) : null}
                    <div className="mt-1 text-slate-800" lang="en">
                      <Prose text={op.description ?? ""} />
                    </div>

                    {op.parameters?.length ? (
                      <table className="mt-3 w-full border-t border-slate-200">
                        <caption className="py-1 text-left font-semibold">{t("parameters")}</caption>
                        <thead>
                          <tr className="bg-slate-50">
                            <th scope="col" className={th}>{t("paramName")}</th>
                            <th scope="col" className={th}>{t("paramIn")}</th>
                            <th scope="col" className={th}>{t("paramRequired")}</th>
                            <th scope="col" className={th}>{t("paramType")}</th>
                            <th scope="col" className={th}>{t("paramDescription")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((param: Json) => (
                            <tr key={`${param.in}-${param.name}`} className="border-t border-slate-100">
                              <th scope="row" className={`${td} font-mono font-normal`}>{param.name}</th>
                              <td className={td}>{param.in}</td>
                              <td className={td}>{param.required ? t("yes") : t("no")}</td>
                              <td className={td}><TypeOf schema={param.schema} /></td>
                              <td className={td} lang="en">{param.description ? <Prose text={param.description} /> : null}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}

                    {body ? (
                      <p className="mt-3">
                        <span className="font-semibold">{t("requestBody")}:</span>{" "}
                        {bodySchema ? <TypeOf schema={bodySchema} /> : t("rawBody")}
                      </p>
                    ) : null}

                    <table className="mt-3 w-full border-t border-slate-200">
                      <caption className="py-1 text-left font-semibold">{t("responses")}</caption>
                      <thead>
                        <tr className="bg-slate-50">
                          <th scope="col" className={th}>{t("status")}</th>
                          <th scope="col" className={th}>{t("paramDescription")}</th>
                          <th scope="col" className={th}>{t("paramType")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {Object.entries(op.responses as Json).map(([status, raw]) => {
                          const response = (raw as Json).$ref
                            ? document.components.responses[String((raw as Json).$ref).split("/").pop()!]
                            : (raw as Json);
                          const [type, media] = Object.entries((response.content ?? {}) as Json)[0] ?? [];
                          return (
                            <tr key={status} className="border-t border-slate-100">
                              <th scope="row" className={`${td} font-mono font-normal`}>{status}</th>
                              <td className={td} lang="en"><Prose text={response.description} /></td>
                              <td className={td}>
                                {type ? <code className="text-xs">{type}</code> : null}{" "}
                                {media?.schema?.$ref ? <TypeOf schema={media.schema} /> : null}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </section>
                );
              })}
          </section>
        ))}
      </section>

      <section aria-labelledby="api-schemas" className="space-y-4">
        <h2 id="api-schemas" className="text-xl font-semibold">
          {t("schemas")}
        </h2>
        {schemas.map(([name, schema]) => (
          <section
            key={name}
            id={`schema-${name}`}
            aria-labelledby={`schema-${name}-title`}
            className="rounded border border-slate-300 bg-white p-4 text-sm"
          >
            <h3 id={`schema-${name}-title`} className="font-mono text-base font-semibold">
              {name}
            </h3>
            {schema.description ? (
              <p className="text-slate-700" lang="en">
                {schema.description}
              </p>
            ) : null}
            {schema.properties ? (
              <table className="mt-2 w-full">
                <caption className="sr-only">{t("schemaOf", { name })}</caption>
                <thead>
                  <tr className="bg-slate-50">
                    <th scope="col" className={th}>{t("property")}</th>
                    <th scope="col" className={th}>{t("paramType")}</th>
                    <th scope="col" className={th}>{t("paramRequired")}</th>
                    <th scope="col" className={th}>{t("paramDescription")}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(schema.properties as Json).map(([property, propertySchema]) => (
                    <tr key={property} className="border-t border-slate-100">
                      <th scope="row" className={`${td} font-mono font-normal`}>{property}</th>
                      <td className={td}><TypeOf schema={propertySchema as Json} /></td>
                      <td className={td}>{(schema.required ?? []).includes(property) ? t("yes") : t("no")}</td>
                      <td className={td} lang="en">{(propertySchema as Json).description ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="mt-1">
                <TypeOf schema={schema} />
              </p>
            )}
          </section>
        ))}
      </section>
    </article>
  );
}
