import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const isDev = process.env.NODE_ENV !== "production";

// Strict headers on every response. Next's hydration needs inline scripts; everything else is 'self'.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]),
];

const config: NextConfig = {
  // Parallel local builds (one per developer task) may each use their own folder; the default is .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // The scale benchmark's floor routes (app/**/page.bench.tsx, route.bench.ts) exist only in a build made with
  // CPOR_BENCH_ROUTES=1 (bench/scale.bench.ts builds into its own NEXT_DIST_DIR); a normal build never has them.
  pageExtensions: process.env.CPOR_BENCH_ROUTES === "1" ? ["bench.tsx", "bench.ts", "tsx", "ts"] : ["tsx", "ts"],
  // PGlite loads its WASM and data files from node_modules at run time: never bundle it. The AWS SDK is loaded
  // only with STORAGE=s3 (lib/storage/file-storage.ts): left to Node, not compiled into every server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  async headers() {
    // A PoE file answer (portal download, preview, API download) sets its own, stricter CSP (lib/poe/download.ts:
    // `sandbox`, no scripts): a header from here would replace it, so those paths get every header but the CSP.
    const poeFile = "(?:api/v1/)?claims/[^/]+/poe/[^/]+(?:/preview)?";
    return [
      { source: `/:path((?!${poeFile}$).*)`, headers: securityHeaders },
      { source: `/:path(${poeFile})`, headers: securityHeaders.filter((h) => h.key !== "Content-Security-Policy") },
    ];
  },
};

export default createNextIntlPlugin("./i18n/request.ts")(config);
