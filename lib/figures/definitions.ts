import "server-only";
import { Prisma } from "../generated/prisma/client";
import { dateFromIso } from "../progress/calendar";
import { type DATE_FIGURES, type Figure, isStatusFigure, STATUS_FIGURES } from "./figure-names";

// The one definition of every figure, as a SQL condition on one project's row. The dashboard's cards and charts,
// the list's `figure=` filter, the period report and the exports all take their condition from here, so a card's
// number is always the row count of the list it opens. Documented for readers in README.md ("Figures") and in the
// "how is this counted?" note beside each figure (messages: figures.definition.*).
//
//   not started / design / in progress / completed / paused / cancelled   the project's status
//   overdue  not completed or cancelled, and its due date — the forecast finish, or else the baseline finish, or
//            else 31 December of its horizon year — is before today
//   at risk  not completed or cancelled, and RED confidence, or its forecast finish later than its baseline finish
//            (the finish slips), or overdue, or behind a straight-line schedule (its percent complete is below the
//            share of the baseline period already elapsed), or a milestone not met that slips (missed, or its
//            forecast later than its baseline) or whose date (forecast, else baseline) has passed
//   watch    not completed or cancelled, with AMBER confidence
//   stalled  designing, under way or paused, with no progress update dated within the last 90 days (a project
//            never updated counts from the day it entered the catalog)
//
// A date-dependent figure (overdue, at risk, stalled) is "the first day it counts <= today". That day is computed
// by SQL functions (migration figure-thresholds: figure_overdue_from, figure_at_risk_from, figure_stalled_from,
// figure_milestone_risk_from), the only place the rules above are written as code; each project carries its days
// (overdue_from, at_risk_from, stalled_from), kept by triggers in the write's own transaction, so today's count is
// an index range, never a scan of every project. A row rebuilt from history (the period report) has no stored
// days: figureSql computes them there with the same functions. `npm run rollups:check` proves stored = computed.
//
// `today` is a calendar day in Kazakhstan (lib/progress/calendar.ts), never the database's clock, so a test can move
// it and a cache can key on it.

/**
 * The columns a definition reads, under one table alias. `projects p` has them all, the days included; the period
 * report builds a row of the same names from the history as it stood at the period's end (with
 * milestone_risk_from from the milestones' history), and `computed` asks for the days to be computed from it.
 */
export type FigureRow = Prisma.Sql;

const column = (row: string, name: string) => Prisma.raw(`${row}.${name}`);

/** Figures counted by the first day a project counts in them. */
type DateFigure = (typeof DATE_FIGURES)[number];

/**
 * The first day (SQL date, NULL = no day) a row counts in `figure`: the stored day on `projects`, or (`computed`)
 * the day computed from the row's own columns.
 */
export function figureFromSql(figure: DateFigure, row = "p", computed = false): Prisma.Sql {
  if (!/^[a-z_]+$/.test(row)) throw new Error(`not a table alias: ${row}`);
  const c = (name: string) => column(row, name);
  if (!computed) return c(FROM_COLUMNS[figure]);
  switch (figure) {
    case "overdue":
      return Prisma.sql`figure_overdue_from(${c("status")}::text, ${c("forecast_finish")}, ${c("baseline_finish")},
        ${c("horizon")})`;
    case "atRisk":
      return Prisma.sql`figure_at_risk_from(${c("status")}::text, ${c("confidence")}::text, ${c("forecast_finish")},
        ${c("baseline_start")}, ${c("baseline_finish")}, ${c("horizon")}, ${c("percent_complete")},
        ${c("milestone_risk_from")})`;
    case "stalled":
      return Prisma.sql`figure_stalled_from(${c("status")}::text, ${c("last_progress_as_of")}, ${c("created_at")})`;
  }
}

const FROM_COLUMNS = { overdue: "overdue_from", atRisk: "at_risk_from", stalled: "stalled_from" } as const;

/**
 * The SQL condition of `figure` on the row aliased `row` (default `p`, the projects table with its stored days), on
 * the day `today` (YYYY-MM-DD). `computed` (for a row rebuilt from history) computes the days from the row.
 */
export function figureSql(figure: Figure, today: string, row = "p", computed = row !== "p"): Prisma.Sql {
  if (!/^[a-z_]+$/.test(row)) throw new Error(`not a table alias: ${row}`);
  const c = (name: string) => column(row, name);
  if (isStatusFigure(figure)) return Prisma.sql`${c("status")} = ${STATUS_FIGURES[figure]}::"ProjectStatus"`;
  if (figure === "watch")
    return Prisma.sql`(${c("status")} NOT IN ('COMPLETED', 'CANCELLED') AND ${c("confidence")} = 'AMBER')`;
  return Prisma.sql`${figureFromSql(figure, row, computed)} <= ${today}::date`;
}

/**
 * The list's condition for `figure` on `today`, as a Prisma filter on projects: the same status, the same AMBER
 * rule and the same stored days as figureSql, so the list opened from a card has exactly the card's rows.
 */
export function figureWhere(figure: Figure, today: string): Prisma.ProjectWhereInput {
  if (isStatusFigure(figure)) return { status: STATUS_FIGURES[figure] };
  const day = { lte: dateFromIso(today) };
  switch (figure) {
    case "watch":
      return { status: { notIn: ["COMPLETED", "CANCELLED"] }, confidence: "AMBER" };
    case "overdue":
      return { overdueFrom: day };
    case "atRisk":
      return { atRiskFrom: day };
    case "stalled":
      return { stalledFrom: day };
  }
}

/** The day a project is due by the overdue rule (SQL), for sorting and showing. */
export function dueDateSql(row = "p"): Prisma.Sql {
  if (!/^[a-z_]+$/.test(row)) throw new Error(`not a table alias: ${row}`);
  const c = (name: string) => column(row, name);
  return Prisma.sql`coalesce(${c("forecast_finish")}, ${c("baseline_finish")}, make_date(${c("horizon")}, 12, 31))`;
}
