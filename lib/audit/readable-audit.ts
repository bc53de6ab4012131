import "server-only";
import { prisma } from "../db";
import type { Actor } from "../auth/permissions";
import { localDateTime } from "../http/export-title";
import { type AuditRow, auditRows, type TAuditQuery } from "./list-audit";

export { localDateTime };
import { type Locale, localizedName } from "../i18n/locales";
import { OBLASTS } from "../reference-data";

// The audit log as people read it: actions in words, the project's code and name instead of `project:987`, a
// field-by-field before → after instead of JSON, oblast names instead of ids. One module for the page and the CSV.

export type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};
export type AuditChange = { field: string; before: string; after: string };
type RawEntry = {
  action: string;
  targetType: string | null;
  targetId: string | null;
  oblastId: number | null;
  before: unknown;
  after: unknown;
};
export type ReadableTarget = { label: string; href: string | null };

/** Values named by a code list are shown with that list's words. */
const CODE_LISTS: Record<string, string> = {
  status: "statuses",
  previousStatus: "statuses",
  confidence: "confidence",
  pauseReason: "pauseReasons",
  role: "roles",
  kind: "kinds",
};
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An action code in words (`project.progress` → "Progress recorded"); an unknown code is shown as it is. */
export function actionLabel(t: Translate, action: string): string {
  const key = `auditActions.${action.replaceAll(".", "_")}`;
  return t.has(key) ? t(key) : action;
}

function fieldLabel(t: Translate, field: string): string {
  for (const key of [`auditFields.${field}`, `details.${field}`, `project.${field}`]) if (t.has(key)) return t(key);
  return field;
}

function oblastName(id: unknown, locale: Locale, oblastCodes: Map<number, string>): string | null {
  const code = typeof id === "number" ? oblastCodes.get(id) : typeof id === "string" ? id : undefined;
  const oblast = OBLASTS.find((candidate) => candidate.code === code);
  return oblast ? localizedName(oblast, locale) : null;
}

function valueText(
  t: Translate,
  field: string,
  value: unknown,
  locale: Locale,
  oblastCodes: Map<number, string>,
): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "oblastId" || field === "oblast") return oblastName(value, locale, oblastCodes) ?? String(value);
  const list = CODE_LISTS[field];
  if (list && typeof value === "string" && t.has(`${list}.${value}`)) return t(`${list}.${value}`);
  if (typeof value === "boolean") return t(value ? "auditValues.yes" : "auditValues.no");
  if (typeof value === "number") return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU").format(value);
  if (typeof value === "string" && ISO_DAY.test(value)) return value.split("-").reverse().join(".");
  if (typeof value === "string" && ISO_MOMENT.test(value)) {
    const moment = new Date(value);
    if (!Number.isNaN(moment.getTime())) return localDateTime(moment);
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The fields an entry changed (or set), each before → after in words. The version counter is bookkeeping. */
export function auditChanges(
  t: Translate,
  entry: Pick<RawEntry, "before" | "after">,
  locale: Locale,
  oblastCodes: Map<number, string>,
): AuditChange[] {
  const before = (entry.before && typeof entry.before === "object" ? entry.before : {}) as Record<string, unknown>;
  const after = (entry.after && typeof entry.after === "object" ? entry.after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => field !== "version");
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field: fieldLabel(t, field),
      before: field in before ? valueText(t, field, before[field], locale, oblastCodes) : "",
      after: field in after ? valueText(t, field, after[field], locale, oblastCodes) : "",
    }));
}

/**
 * Names the targets of a page (or batch) of entries with two queries: projects by code and name, users by name and
 * e-mail. Returns a function giving each entry's target in words, with a link where one exists.
 */
export async function targetNamer(
  t: Translate,
  entries: Pick<RawEntry, "targetType" | "targetId">[],
  locale: Locale,
): Promise<(entry: Pick<RawEntry, "targetType" | "targetId">) => ReadableTarget> {
  const ids = (type: string) => [
    ...new Set(
      entries
        .filter((entry) => entry.targetType === type && /^\d{1,9}$/.test(entry.targetId ?? ""))
        .map((entry) => Number(entry.targetId)),
    ),
  ];
  const [projects, users] = await Promise.all([
    prisma.project.findMany({
      where: { id: { in: ids("project") } },
      select: { id: true, code: true, nameKk: true, nameRu: true, nameEn: true },
    }),
    prisma.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, name: true, email: true } }),
  ]);
  const projectById = new Map(projects.map((project) => [project.id, project]));
  const userById = new Map(users.map((user) => [user.id, user]));
  return (entry) => {
    const id = Number(entry.targetId);
    if (entry.targetType === "project" && projectById.has(id)) {
      const project = projectById.get(id)!;
      return { label: `${project.code} — ${localizedName(project, locale)}`, href: `/projects/${project.code}` };
    }
    if (entry.targetType === "user" && userById.has(id)) {
      const user = userById.get(id)!;
      return { label: `${user.name} (${user.email})`, href: `/admin/users/${user.id}` };
    }
    if (!entry.targetType) return { label: "", href: null };
    const type = t.has(`auditTargets.${entry.targetType}`) ? t(`auditTargets.${entry.targetType}`) : entry.targetType;
    return { label: [type, entry.targetId].filter(Boolean).join(" "), href: null };
  };
}

/** Oblast ids to codes, read once per page or export. */
export async function oblastCodesById(): Promise<Map<number, string>> {
  const oblasts = await prisma.oblast.findMany({ select: { id: true, code: true } });
  return new Map(oblasts.map((oblast) => [oblast.id, oblast.code]));
}

/** An oblast id as its name in the reader's language. */
export function oblastLabel(id: number | null, locale: Locale, oblastCodes: Map<number, string>): string {
  return id === null ? "" : (oblastName(id, locale, oblastCodes) ?? "");
}

/** The CSV columns of the readable audit log, translated. */
export function readableAuditHeader(t: Translate): string[] {
  return ["at", "user", "email", "action", "target", "oblast", "ip", "change"].map((key) => t(`audit.${key}`));
}

/** Every matching audit row in words, newest first, naming targets a batch at a time. */
export async function* readableAuditRows(
  actor: Actor,
  query: TAuditQuery,
  t: Translate,
  locale: Locale,
  batchSize = 500,
): AsyncGenerator<unknown[]> {
  const oblastCodes = await oblastCodesById();
  let batch: AuditRow[] = [];
  async function* flush() {
    const targetOf = await targetNamer(t, batch, locale);
    for (const entry of batch)
      yield [
        entry.at,
        entry.actor?.name ?? t("audit.system"),
        entry.actor?.email ?? "",
        actionLabel(t, entry.action),
        targetOf(entry).label,
        oblastLabel(entry.oblastId, locale, oblastCodes),
        entry.ip ?? "",
        auditChanges(t, entry, locale, oblastCodes)
          .map((change) => t("audit.changeBeforeAfter", change))
          .join("; "),
      ];
    batch = [];
  }
  for await (const entry of auditRows(actor, query)) {
    batch.push(entry);
    if (batch.length === batchSize) yield* flush();
  }
  yield* flush();
}
