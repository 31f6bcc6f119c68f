// Configuration read from the environment, one reader per setting, so a default is written once
// (docs/operations.md lists the variables).

/** The portal's public URL, without a trailing slash: links in notices (and next-auth's callbacks) use it. */
export function portalBaseUrl(): string {
  return (process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}
