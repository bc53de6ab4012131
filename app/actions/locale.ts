"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { rememberLocale } from "@/lib/notifications/preferences";

const ZLocale = z.enum(LOCALES);
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Remembers the reader's language for a year. Anyone may choose, signed in or not; a signed-in user's choice is
 * also stored on their account, so notifications and mails reach them in it.
 */
export async function chooseLocale(input: unknown): Promise<{ ok: boolean }> {
  const parsed = ZLocale.safeParse(input);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: false,
  });
  const user = await getCurrentUser();
  if (user) await rememberLocale(user, parsed.data);
  return { ok: true };
}
