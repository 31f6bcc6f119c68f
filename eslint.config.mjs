import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next*/**", "lib/generated/**", "types/generated/**", "prisma/schema-engine.mjs", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The pure core (docs/architecture.md "Layers"): rules as data and functions of their inputs, with `now` a
    // parameter. It imports nothing that does I/O or belongs to the framework, so unit tests need no database.
    files: [
      "lib/claims/catalogue.ts", "lib/claims/lifecycle.ts", "lib/claims/policy.ts", "lib/claims/sla.ts",
      "lib/claims/visibility.ts", "lib/claims/conflicts.ts", "lib/claims/errors.ts", "lib/claims/claim-number.ts",
    ],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{
          group: ["**/db", "**/generated/**", "@prisma/*", "pg", "@electric-sql/*", "next", "next/*", "next-auth", "next-auth/*", "react", "server-only", "**/service", "**/service/**"],
          message: "The pure core imports no database, framework or service module (docs/architecture.md).",
        }],
      }],
    },
  },
]);
