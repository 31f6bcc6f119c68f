import { portalBaseUrl } from "../lib/config";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo-users";

const url = process.argv[2] ?? portalBaseUrl();
const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
console.log(`
  CPOR Claims Portal is starting at ${url}

  Demo sign-ins (password for every user: ${DEMO_PASSWORD})
${DEMO_USERS.map((u) => `    ${u.email.padEnd(width)}  ${u.role}${u.organization ? ` — ${u.organization}` : ""}`).join("\n")}

  Stop with Ctrl+C. Data lives in ./.data/ (delete the folder to start over).
`);
