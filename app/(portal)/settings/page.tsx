import { redirect } from "next/navigation";

// Settings has one section so far: API keys.
export default function SettingsPage() {
  redirect("/settings/api-keys");
}
