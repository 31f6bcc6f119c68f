// Operators' API key tool (docs/api.md "Authentication"); uses DATABASE_URL like the server.
//   npm run apikey -- create --email <user email> [--name <label>] [--expires-in-days <n>]   prints the new key alone on its last line
//   npm run apikey -- list --email <user email>                       the user's keys (never their secrets)
//   npm run apikey -- revoke --id <key id>
import { parseArgs } from "node:util";
import { createApiKeyForEmail } from "../lib/claims/api-keys";
import { isClaimError } from "../lib/claims/errors";
import { closeDb, getDb } from "../lib/db";

const USAGE = `Usage:
  npm run apikey -- create --email <user email> [--name <label>] [--expires-in-days <n>]
  npm run apikey -- list --email <user email>
  npm run apikey -- revoke --id <key id>`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "expires-in-days": { type: "string" },
      id: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
  const db = getDb();
  try {
    switch (command) {
      case "create": {
        if (!values.email) fail(`--email is required.\n${USAGE}`);
        const days = values["expires-in-days"];
        if (days !== undefined && !/^\d+$/.test(days)) fail(`--expires-in-days must be a whole number of days.\n${USAGE}`);
        const { key, secret, user } = await createApiKeyForEmail(db, values.email, values.name, new Date(), days ? Number(days) : undefined);
        if (key.expiresAt) console.log(`It expires at ${key.expiresAt.toISOString()}.`);
        console.log(`Created API key "${key.name}" (${key.prefix}…, id ${key.id}) for ${user.email} (${user.role}).`);
        console.log("It is shown only now; store it in your secret manager. It acts as this user.");
        // The key alone on the last line, so that scripts can take it with `tail -n 1`.
        console.log(secret);
        break;
      }
      case "list": {
        if (!values.email) fail(`--email is required.\n${USAGE}`);
        const user = await db.user.findUnique({ where: { email: values.email }, include: { apiKeys: { orderBy: { createdAt: "desc" } } } });
        if (!user) fail(`No user has the email ${values.email}.`, 1);
        if (user.apiKeys.length === 0) console.log(`${user.email} has no API keys.`);
        for (const key of user.apiKeys) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
          const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : "never used";
          console.log(`${key.id}  ${key.prefix}…  "${key.name}"  created ${key.createdAt.toISOString()}  ${used}  ${state}`);
        }
        break;
      }
      case "revoke": {
        if (!values.id) fail(`--id is required.\n${USAGE}`);
        const { count } = await db.apiKey.updateMany({ where: { id: values.id, revokedAt: null }, data: { revokedAt: new Date() } });
        const key = await db.apiKey.findUnique({ where: { id: values.id } });
        if (!key) fail(`No API key has the id ${values.id}.`, 1);
        console.log(count === 1 ? `Revoked ${key.prefix}… ("${key.name}").` : `${key.prefix}… ("${key.name}") was already revoked.`);
        break;
      }
      default:
        fail(`Unknown command "${command}".\n${USAGE}`);
    }
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(isClaimError(error) ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
