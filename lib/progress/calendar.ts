// Dates in the tracker are calendar days in Kazakhstan (Asia/Almaty), whatever the server's own time zone.
export const TRACKER_TIME_ZONE = "Asia/Almaty";

/** Today's date in Kazakhstan as YYYY-MM-DD. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: TRACKER_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A stored DATE (midnight UTC in JavaScript) as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD as the Date Prisma stores in a DATE column. */
export function dateFromIso(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** A moment as Kazakhstan's wall clock reads it: YYYY-MM-DD and HH:MM. */
export function kazakhstanClock(moment: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TRACKER_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A stored DATE (midnight UTC) is a calendar day; any other moment has a time of day. */
export function isCalendarDay(value: Date): boolean {
  return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
}
