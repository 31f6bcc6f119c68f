import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { contentSecurityPolicy, staticSecurityHeaders } from "./lib/security/content-security-policy";

const production = process.env.NODE_ENV === "production";

// Pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts. The routes the proxy must not
// see (the API, the streaming upload routes: a proxy buffers request bodies) get the same policy without a nonce,
// so no inline script at all; every path gets the other strict headers (HSTS in production only).
const noScriptPolicy = {
  key: "Content-Security-Policy",
  value: contentSecurityPolicy({ dev: !production }),
};

const config: NextConfig = {
  // Parallel local builds (one per developer task) may each use their own folder; the default is .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole repository (tsc) before it needs the build, and builds in the background
  // meanwhile: that build skips the second check. Every other build (`npm run build`, deployments) keeps it.
  typescript: { ignoreBuildErrors: process.env.CPOR_BUILD_SKIP_TYPECHECK === "1" },
  // The scale benchmark's floor routes (app/**/page.bench.tsx, route.bench.ts) exist only in a build made with
  // CPOR_BENCH_ROUTES=1 (bench/scale.bench.ts builds into its own NEXT_DIST_DIR); a normal build never has them.
  pageExtensions: process.env.CPOR_BENCH_ROUTES === "1" ? ["bench.tsx", "bench.ts", "tsx", "ts"] : ["tsx", "ts"],
  // PGlite loads its WASM and data files from node_modules at run time: never bundle it. The AWS SDK is loaded
  // only with STORAGE=s3 (lib/storage/file-storage.ts): left to Node, not compiled into every server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  async headers() {
    // A PoE file answer (API download and preview) sets its own, stricter CSP (lib/poe/download.ts: `sandbox`,
    // no scripts): a header from here would replace it. The portal's PoE file routes are left alone by proxy.ts.
    return [
      { source: "/:path*", headers: staticSecurityHeaders(production) },
      { source: "/api/:path((?!v1/claims/[^/]+/poe/[^/]+(?:/preview)?$).*)", headers: [noScriptPolicy] },
      { source: "/claims/:id/poe", headers: [noScriptPolicy] },
      { source: "/settings/import/upload", headers: [noScriptPolicy] },
    ];
  },
};

export default createNextIntlPlugin("./i18n/request.ts")(config);
