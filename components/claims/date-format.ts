import "server-only";
// Instants on the claim pages: date and time in the SLA calendar's time zone, with the zone named, so that a
// deadline reads the same for a partner, a reviewer and the customer wherever they are.
import { getFormatter } from "next-intl/server";

export async function getInstantFormatter(timeZone: string): Promise<(date: Date | string) => string> {
  const format = await getFormatter();
  return (date) =>
    format.dateTime(typeof date === "string" ? new Date(date) : date, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
}
