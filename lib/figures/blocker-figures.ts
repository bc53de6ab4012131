import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { BlockerStatus } from "../generated/prisma/enums";
import { dateFromIso } from "../progress/calendar";

// The one definition of the blocker figures. The dashboard's cards, the blockers page's counts and its `state=`
// filter all take their condition from here, so a card's number is always the row count of the list it opens.
//
//   open blockers     open or in hand (not resolved, not dropped)
//   overdue blockers  open or in hand, with a due date before today (Kazakhstan's calendar day)

export const BLOCKER_FIGURES = ["openBlockers", "overdueBlockers"] as const;
export type BlockerFigure = (typeof BLOCKER_FIGURES)[number];

/** A blocker still standing in its project's way. */
export const OPEN_BLOCKER_STATUSES = ["OPEN", "IN_HAND"] as const satisfies readonly BlockerStatus[];
export const CLOSED_BLOCKER_STATUSES = ["RESOLVED", "DROPPED"] as const satisfies readonly BlockerStatus[];

/** The condition of `figure` on blockers, on the day `today` (YYYY-MM-DD). */
export function blockerFigureWhere(figure: BlockerFigure, today: string): Prisma.BlockerWhereInput {
  const open: Prisma.BlockerWhereInput = { status: { in: [...OPEN_BLOCKER_STATUSES] } };
  return figure === "openBlockers" ? open : { ...open, dueDate: { lt: dateFromIso(today) } };
}

/** The exact complement of the overdue figure (closed, without a due date, or due today or later), for ordering. */
export function notOverdueBlockerWhere(today: string): Prisma.BlockerWhereInput {
  return {
    OR: [{ status: { in: [...CLOSED_BLOCKER_STATUSES] } }, { dueDate: null }, { dueDate: { gte: dateFromIso(today) } }],
  };
}

/** The SQL twin of blockerFigureWhere, on `blockers b`: the same statuses and the same day. */
export function blockerFigureSql(figure: BlockerFigure, today: string): Prisma.Sql {
  const open = Prisma.sql`b.status IN (${Prisma.join(OPEN_BLOCKER_STATUSES.map((status) => Prisma.sql`${status}::"BlockerStatus"`))})`;
  return figure === "openBlockers" ? open : Prisma.sql`(${open} AND b.due_date < ${today}::date)`;
}
