import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { prisma } from "@/lib/db";
import { csvResponse } from "@/lib/http/csv";
import { xlsxResponse } from "@/lib/http/xlsx";
import { ATTENTION_LISTED, buildPeriodReport } from "@/lib/reports/period-report";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { parseReportQuery } from "@/lib/reports/report-query";
import { reportTables } from "@/lib/reports/report-tables";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// History seeded with known dates: project A moves during Q1 2026, B is completed in Q1, C moved before Q1 and
// again after it. A Q1 report must show exactly that, whatever happens later.
const codes: Record<"A" | "B" | "C", string> = { A: "", B: "", C: "" };

async function insertHistory(code: string, rows: [string, string, number, string, number][]) {
  const project = await prisma.project.findUniqueOrThrow({ where: { code } });
  const author = await prisma.user.findUniqueOrThrow({ where: { email: "ministry@batys.demo" } });
  await withSql(async (sql) => {
    for (const [at, status, percent, previousStatus, previousPercent] of rows) {
      await sql.query(
        `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent, as_of, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $7::timestamptz + interval '12 hours')`,
        [project.id, author.id, status, previousStatus, percent, previousPercent, at, `${status} ${at}`],
      );
    }
    const [, lastStatus, lastPercent] = rows.at(-1)!;
    await sql.query("UPDATE projects SET status = $2, percent_complete = $3, version = version + $4 WHERE id = $1", [
      project.id,
      lastStatus,
      lastPercent,
      rows.length,
    ]);
  });
}

beforeAll(async () => {
  codes.A = (await freshProject("ATY", 0)).code;
  codes.B = (await freshProject("ATY", 1)).code;
  codes.C = (await freshProject("ATY", 2)).code;
  await insertHistory(codes.A, [
    ["2026-02-10", "DESIGN", 10, "PLANNED", 0],
    ["2026-03-15", "IN_PROGRESS", 40, "DESIGN", 10],
  ]);
  await insertHistory(codes.B, [["2026-03-20", "COMPLETED", 100, "PLANNED", 0]]);
  await insertHistory(codes.C, [
    ["2025-12-15", "DESIGN", 5, "PLANNED", 0],
    ["2026-04-10", "IN_PROGRESS", 50, "DESIGN", 5],
  ]);
});

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const q1 = () => parseReportQuery({ scope: "ATY", from: "2026-01-01", to: "2026-03-31" });

describe("period report", () => {
  it("shows the figures at the period's start and end, what changed, and what was completed, from the history", async () => {
    const report = (await buildPeriodReport(await actor("manager@batys.demo"), q1()))!;
    const [expected] = await withSql(
      async (sql) =>
        (
          await sql.query(
            `SELECT count(DISTINCT p.id)::int AS total FROM projects p JOIN project_oblasts x ON x.project_id = p.id JOIN oblasts o ON o.id = x.oblast_id WHERE o.code = 'ATY' AND p.withdrawn_at IS NULL`,
          )
        ).rows,
    );
    expect(report.start.total).toBe(expected.total);
    expect(report.end.total).toBe(expected.total);
    expect(report.end.completed - report.start.completed).toBe(1);
    expect(report.completedInPeriod.map((change) => change.code)).toEqual([codes.B]);
    const a = report.changes.find((change) => change.code === codes.A)!;
    expect(a).toMatchObject({
      fromStatus: "PLANNED",
      toStatus: "IN_PROGRESS",
      fromPercent: 0,
      toPercent: 40,
      updates: 2,
    });
    expect(a.comments).toEqual(["DESIGN 2026-02-10", "IN_PROGRESS 2026-03-15"]);
    expect(report.changes.find((change) => change.code === codes.C)).toBeUndefined();
    // C was in design all quarter: counted as design at both ends (design is its own figure, not "in progress").
    expect(report.start.design).toBeGreaterThanOrEqual(1);
    expect(report.end.design - report.start.design).toBe(0);
    expect(report.end.inProgress - report.start.inProgress).toBe(1);
  });

  it("a report for a past period does not change when later progress is recorded", async () => {
    const user = await actor("manager@batys.demo");
    const before = await buildPeriodReport(user, q1());
    const ministry = await actor("ministry@batys.demo");
    const { recordProgress } = await import("@/lib/progress/record-progress");
    const a = await prisma.project.findUniqueOrThrow({ where: { code: codes.A } });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await recordProgress(
          ministry,
          { projectCode: codes.A, version: a.version, status: "IN_PROGRESS", percentComplete: 70, asOf: today },
          { ip: null },
        )
      ).ok,
    ).toBe(true);
    const after = await buildPeriodReport(user, q1());
    expect(after).toEqual(before);
  });

  it("on screen shows the changes a page at a time, counting them all, while the exports keep every row", async () => {
    const user = await actor("manager@batys.demo");
    const full = (await buildPeriodReport(user, q1()))!;
    expect(full.changes.length).toBeGreaterThanOrEqual(2);
    expect([full.changesTotal, full.page, full.pages]).toEqual([full.changes.length, 1, 1]);
    const pages = [];
    for (let page = 1; page <= full.changes.length; page++) {
      const paged = (await buildPeriodReport(user, q1(), { page, pageSize: 1 }))!;
      expect([paged.changesTotal, paged.page, paged.pages]).toEqual([full.changes.length, page, full.changes.length]);
      expect(paged.changes).toHaveLength(1);
      pages.push(...paged.changes);
      // The completed list shows its first rows and counts them all; the figures and tables are not paged.
      expect(paged.completedTotal).toBe(full.completedInPeriod.length);
      expect(paged.completedInPeriod).toEqual(full.completedInPeriod.slice(0, 1));
      expect([paged.start, paged.end, paged.byOblast, paged.attention]).toEqual([
        full.start,
        full.end,
        full.byOblast,
        full.attention,
      ]);
    }
    expect(pages).toEqual(full.changes);
    const beyond = (await buildPeriodReport(user, q1(), { page: full.changes.length + 1, pageSize: 1 }))!;
    expect(beyond.changes).toEqual([]);
    expect(beyond.changesTotal).toBe(full.changes.length);
  });

  it("counts every project overdue or at risk at the period's end, not only the ones its table lists", async () => {
    const user = await actor("manager@batys.demo");
    const today = todayInKazakhstan();
    const report = (await buildPeriodReport(
      user,
      parseReportQuery({ scope: "region", from: shift(today, -30), to: today }),
    ))!;
    // The period ends today: its end state is the projects' current state, so the figure's stored day says who is in.
    const n = await withSql(async (sql) => {
      const result = await sql.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM projects p WHERE p.withdrawn_at IS NULL AND p.at_risk_from <= $1::date",
        [today],
      );
      return result.rows[0]!.n;
    });
    expect(report.attentionTotal).toBe(Number(n));
    expect(report.attention.length).toBe(Math.min(Number(n), ATTENTION_LISTED));
    const table = reportTables(report, (key) => key, "en").find((candidate) => candidate.key === "attention")!;
    expect(table.rows).toHaveLength(report.attention.length);
  });

  it("an akimat officer gets their own oblast whatever scope they ask for", async () => {
    const report = (await buildPeriodReport(
      await actor("akimat.man@batys.demo"),
      parseReportQuery({ scope: "ATY", from: "2026-01-01", to: "2026-03-31" }),
    ))!;
    expect(report.query.scope).toBe("MAN");
    expect(report.changes.find((change) => change.code === codes.A)).toBeUndefined();
  });

  it("exports its tables as CSV with a BOM and as XLSX, and both read back the same rows", async () => {
    const report = (await buildPeriodReport(await actor("manager@batys.demo"), q1()))!;
    const table = reportTables(report, (key) => key, "kk").find((candidate) => candidate.key === "changes")!;
    async function* rows() {
      yield* table.rows;
    }
    const bytes = new Uint8Array(await csvResponse("r.csv", table.header, rows()).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(lines[0]).toBe(table.header.map((cell) => (/[",]/.test(cell) ? `"${cell}"` : cell)).join(","));
    expect(lines.length).toBe(table.rows.length + 1);
    expect(lines.some((line) => line.startsWith(`${codes.A},`))).toBe(true);

    const xlsx = await xlsxResponse("r.xlsx", [
      { name: "changes", header: table.header, rows: table.rows },
    ]).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(table.rows.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.header]);
    const codesInSheet = Array.from(
      { length: sheet.rowCount - 1 },
      (_, index) => sheet.getRow(index + 2).getCell(1).value,
    );
    expect(codesInSheet).toEqual(table.rows.map((row) => row[0]));
  });
});
// Whatever this file wrote (concurrent saves, sheets, field reports, imports, withdrawals), the roll-ups the
// dashboards read must still equal a recomputation from the base tables.
afterAll(async () => {
  expect(await checkRollups()).toEqual([]);
});
