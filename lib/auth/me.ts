// GET /api/v1/me: the user an API key acts as, so that an integration can discover its role and its
// organization's MPN IDs (a partner needs one to create a claim) without asking a person.
import type { MeResource } from "../api/schemas";
import type { Db } from "../db";

/** Until users store a language, everyone reads the portal's default one. */
const DEFAULT_LANGUAGE = "en";

/** The user and their organization, or null when the user no longer exists. */
export async function readMe(db: Db, userId: string): Promise<MeResource | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      organization: {
        select: { id: true, name: true, locations: { select: { mpnId: true, retiredAt: true }, orderBy: { mpnId: "asc" } } },
      },
    },
  });
  if (!user) return null;
  const { organization } = user;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: DEFAULT_LANGUAGE,
    organization: organization && {
      id: organization.id,
      name: organization.name,
      mpnIds: organization.locations.map((location) => ({ mpnId: location.mpnId, active: location.retiredAt === null })),
    },
  };
}
