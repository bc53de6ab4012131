import "server-only";
import { Prisma } from "../generated/prisma/client";
import { type Figure, isStatusFigure, STALLED_AFTER_DAYS, STATUS_FIGURES } from "./figure-names";

// The one definition of every figure, as a SQL condition on one project's row. The dashboard's cards and charts,
// the list's `figure=` filter, the period report and the exports all take their condition from here, so a card's
// number is always the row count of the list it opens. Documented for readers in README.md ("Figures") and in the
// "how is this counted?" note beside each figure (messages: figures.definition.*).
//
//   not started / design / in progress / completed / paused / cancelled   the project's status
//   overdue  not completed or cancelled, and its due date — the forecast finish, or else the baseline finish, or
//            else 31 December of its horizon year — is before today
//   at risk  not completed or cancelled, and RED confidence, or overdue, or behind a straight-line schedule (its
//            percent complete is below the share of the baseline period already elapsed)
//   watch    not completed or cancelled, with AMBER confidence
//   stalled  designing, under way or paused, with no progress update dated within the last 90 days (a project
//            never updated counts from the day it entered the catalog)
//
// `today` is a calendar day in Kazakhstan (lib/progress/calendar.ts), never the database's clock, so a test can move
// it and a cache can key on it.

/**
 * The columns a definition reads, under one table alias. `projects p` has them all; the period report builds a
 * row of the same names from the history as it stood at the period's end.
 */
export type FigureRow = Prisma.Sql;

const column = (row: string, name: string) => Prisma.raw(`${row}.${name}`);

/** The SQL condition of `figure` on the row aliased `row` (default `p`), on the day `today` (YYYY-MM-DD). */
export function figureSql(figure: Figure, today: string, row = "p"): Prisma.Sql {
  if (!/^[a-z_]+$/.test(row)) throw new Error(`not a table alias: ${row}`);
  const c = (name: string) => column(row, name);
  if (isStatusFigure(figure)) return Prisma.sql`${c("status")} = ${STATUS_FIGURES[figure]}::"ProjectStatus"`;
  const open = Prisma.sql`${c("status")} NOT IN ('COMPLETED', 'CANCELLED')`;
  const due = Prisma.sql`coalesce(${c("forecast_finish")}, ${c("baseline_finish")}, make_date(${c("horizon")}, 12, 31))`;
  const overdue = Prisma.sql`${due} < ${today}::date`;
  const behind = Prisma.sql`(${c("baseline_start")} IS NOT NULL AND ${c("baseline_finish")} > ${c("baseline_start")}
    AND ${today}::date > ${c("baseline_start")} AND ${c("percent_complete")} < 100.0 * LEAST(1,
    (${today}::date - ${c("baseline_start")})::numeric / (${c("baseline_finish")} - ${c("baseline_start")})))`;
  switch (figure) {
    case "overdue":
      return Prisma.sql`(${open} AND ${overdue})`;
    case "atRisk":
      return Prisma.sql`(${open} AND (${c("confidence")} = 'RED' OR ${overdue} OR ${behind}))`;
    case "watch":
      return Prisma.sql`(${open} AND ${c("confidence")} = 'AMBER')`;
    case "stalled":
      return Prisma.sql`(${c("status")} IN ('DESIGN', 'IN_PROGRESS', 'PAUSED') AND coalesce(${c("last_progress_as_of")},
        (${c("created_at")} AT TIME ZONE 'Asia/Almaty')::date) < ${today}::date - ${STALLED_AFTER_DAYS}::integer)`;
  }
}

/** The day a project is due by the overdue rule (SQL), for sorting and showing. */
export function dueDateSql(row = "p"): Prisma.Sql {
  if (!/^[a-z_]+$/.test(row)) throw new Error(`not a table alias: ${row}`);
  const c = (name: string) => column(row, name);
  return Prisma.sql`coalesce(${c("forecast_finish")}, ${c("baseline_finish")}, make_date(${c("horizon")}, 12, 31))`;
}
