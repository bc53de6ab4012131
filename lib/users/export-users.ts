import "server-only";
import { type Actor, can } from "../auth/permissions";
import { prisma } from "../db";
import { localizedName, type Locale } from "../i18n/locales";
import { userListSelection } from "./manage-users";

type Translate = (key: string) => string;

/** The users download's columns, translated: the list's columns and when each account was made. */
export function userExportHeader(t: Translate): string[] {
  return [
    t("users.name"),
    t("users.email"),
    t("users.role"),
    t("users.oblast"),
    t("users.active"),
    t("listExports.mustChangePassword"),
    t("listExports.createdAt"),
  ];
}
export const USER_EXPORT_WIDTHS = [28, 32, 22, 24, 10, 14, 17];

/** Every user the list's filters match, in its order (administrators only: anyone else gets no rows). */
export async function* userExportRows(
  actor: Actor,
  rawQuery: Record<string, string | string[] | undefined>,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  if (!can(actor, "user.manage")) return;
  const { where, orderBy } = userListSelection(rawQuery);
  for (let skip = 0; ; skip += batchSize) {
    const batch = await prisma.user.findMany({
      where,
      orderBy: [...orderBy, { id: "asc" }],
      skip,
      take: batchSize,
      select: {
        name: true,
        email: true,
        role: true,
        active: true,
        mustChangePassword: true,
        createdAt: true,
        oblast: { select: { nameKk: true, nameRu: true, nameEn: true } },
      },
    });
    for (const user of batch)
      yield [
        user.name,
        user.email,
        t(`roles.${user.role}`),
        user.oblast ? localizedName(user.oblast, locale) : "",
        user.active ? t("users.yes") : t("users.no"),
        user.mustChangePassword ? t("users.yes") : t("users.no"),
        user.createdAt,
      ];
    if (batch.length < batchSize) return;
  }
}
