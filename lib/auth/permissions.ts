// The one place that knows who may do what. Every write and every scoped query goes through `can` or
// `projectScope`; pages and actions never compare roles themselves.
import type { Role } from "../generated/prisma/enums";

export type Actor = { id: number; role: Role; oblastId: number | null };

/** What a permission check needs to know of a project: the oblasts it touches. */
export type ProjectInScope = { oblastIds: readonly number[] };

export type Action =
  | "project.view"
  | "project.recordProgress"
  | "project.editDetails"
  | "fieldReport.submit"
  | "fieldReport.review"
  | "report.view"
  | "report.export"
  | "report.openSaved"
  | "user.manage"
  | "audit.read"
  | "catalog.sourceCheck"
  | "milestone.edit"
  | "blocker.manage"
  | "blocker.raise"
  | "blocker.updateOwn"
  | "project.watch"
  | "project.assignResponsibility"
  | "mail.read";

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  ADMIN: [
    "project.view",
    "project.recordProgress",
    "project.editDetails",
    "fieldReport.review",
    "report.view",
    "report.export",
    "report.openSaved",
    "user.manage",
    "audit.read",
    "catalog.sourceCheck",
    "milestone.edit",
    "blocker.manage",
    "blocker.raise",
    "project.watch",
    "project.assignResponsibility",
    "mail.read",
  ],
  MINISTRY: [
    "project.view",
    "project.recordProgress",
    "project.editDetails",
    "fieldReport.review",
    "report.view",
    "report.export",
    "report.openSaved",
    "audit.read",
    "catalog.sourceCheck",
    "milestone.edit",
    "blocker.manage",
    "blocker.raise",
    "project.watch",
    "project.assignResponsibility",
  ],
  AKIMAT: [
    "project.view",
    "fieldReport.submit",
    "report.view",
    "report.export",
    "report.openSaved",
    "catalog.sourceCheck",
    "blocker.raise",
    "blocker.updateOwn",
    "project.watch",
  ],
  MANAGER: [
    "project.view",
    "report.view",
    "report.export",
    "report.openSaved",
    "audit.read",
    "catalog.sourceCheck",
    "project.watch",
  ],
};

/**
 * Actions about one project (or a saved report: its oblast, none for the region's) that an akimat officer may take
 * only within their own oblast.
 */
const OBLAST_BOUND_ACTIONS: readonly Action[] = [
  "project.view",
  "report.openSaved",
  "fieldReport.submit",
  "blocker.raise",
  "blocker.updateOwn",
  "project.watch",
];

export class MissingScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingScopeError";
  }
}

function assertActor(user: Actor): void {
  if (!Number.isInteger(user.id) || user.id <= 0) throw new MissingScopeError("acting user has no id");
  if (user.role === "AKIMAT" && (user.oblastId === null || !Number.isInteger(user.oblastId))) {
    throw new MissingScopeError("akimat officer has no oblast");
  }
}

export function can(user: Actor, action: Action, project?: ProjectInScope): boolean {
  assertActor(user);
  if (!ROLE_ACTIONS[user.role].includes(action)) return false;
  if (user.role === "AKIMAT" && project && OBLAST_BOUND_ACTIONS.includes(action)) {
    return project.oblastIds.includes(user.oblastId as number);
  }
  return true;
}

/**
 * The oblast a user's project queries are limited to: null means every oblast. An akimat officer without an
 * oblast throws instead of silently seeing everything.
 */
export function scopedOblastId(user: Actor): number | null {
  assertActor(user);
  return user.role === "AKIMAT" ? (user.oblastId as number) : null;
}

/** Prisma `where` for the projects a user may see (inter-oblast projects touching their oblast included). */
export function projectScope(user: Actor): { oblasts?: { some: { oblastId: number } } } {
  const oblastId = scopedOblastId(user);
  return oblastId === null ? {} : { oblasts: { some: { oblastId } } };
}
