import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateUserForm, UserRowForm } from "@/components/admin/user-forms";
import { listUsers } from "@/lib/admin/users";
import { actorOf, requireUser } from "@/lib/auth/session";
import type { UserRole } from "@/lib/claims/catalogue";
import { getDb } from "@/lib/db";
import { createUserAction, updateUserAction } from "./actions";

export default async function AdminUsersPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireUser(["ADMIN"]);
  const params = await props.searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 254) : "";
  const db = getDb();
  const [t, tRoles, format, users, organizations] = await Promise.all([
    getTranslations("adminUsers"),
    getTranslations("roles"),
    getFormatter(),
    listUsers(db, actorOf(admin), q ? { q } : {}),
    db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin" className="text-blue-700 underline">
          {t("back")}
        </Link>
      </p>
      <section aria-labelledby="users-title" className="space-y-3">
        <h1 id="users-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
        <form method="get" className="flex items-end gap-2" role="search">
          <div>
            <label htmlFor="q" className="block text-sm font-medium">
              {t("search")}
            </label>
            <input id="q" name="q" defaultValue={q} className="rounded border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded border border-slate-300 px-3 py-2">
            {t("searchButton")}
          </button>
        </form>
        {users.length === 0 ? (
          <p className="text-slate-600">{t("none")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="users">
            <thead>
              <tr className="text-left text-xs uppercase text-slate-600">
                <th scope="col" className="py-1 pr-4">{t("email")}</th>
                <th scope="col" className="py-1 pr-4">{t("name")}</th>
                <th scope="col" className="py-1 pr-4">{t("role")}</th>
                <th scope="col" className="py-1 pr-4">{t("organization")}</th>
                <th scope="col" className="py-1 pr-4">{t("status")}</th>
                <th scope="col" className="py-1 pr-4">{t("lastSignIn")}</th>
                <th scope="col" className="py-1"><span className="sr-only">{t("changeRole")}</span></th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-t border-slate-100 align-top" data-testid={`user-${user.email}`}>
                  <td className="py-2 pr-4 font-mono">{user.email}</td>
                  <td className="py-2 pr-4">{user.name}</td>
                  <td className="py-2 pr-4">{tRoles(user.role)}</td>
                  <td className="py-2 pr-4">{user.organization?.name ?? t("noOrganization")}</td>
                  <td className="py-2 pr-4">{user.active ? t("active") : t("inactive")}</td>
                  <td className="py-2 pr-4">
                    {user.lastSignInAt ? format.dateTime(user.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}
                  </td>
                  <td className="py-2">
                    <UserRowForm action={updateUserAction} user={{ id: user.id, email: user.email, role: user.role as UserRole, active: user.active }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="create-user-title" className="space-y-3 rounded border border-slate-200 bg-white p-6">
        <h2 id="create-user-title" className="text-xl font-semibold">
          {t("createTitle")}
        </h2>
        <p className="text-slate-600">{t("createHint")}</p>
        <CreateUserForm action={createUserAction} organizations={organizations} />
      </section>
    </div>
  );
}
