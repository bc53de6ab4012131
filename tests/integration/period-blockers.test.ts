import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery } from "@/lib/reports/report-query";
import { reportTables } from "@/lib/reports/report-tables";
import { openSavedReport, saveReport } from "@/lib/reports/saved-reports";
import { listBlockers, parseBlockerQuery, saveBlocker } from "@/lib/schedule/blockers";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// Period reports list the blockers raised and resolved in the period, counted by the register's own filter. The
// period is Q1 2025 in Kazakhstan (UTC+5): a blocker resolved at 23:59:59 on 31 March there belongs to it, one
// resolved a millisecond after midnight on 1 April does not.

const ip = { ip: "192.0.2.50" };
const FROM = "2025-01-01";
const TO = "2025-03-31";
const ids: Record<string, number> = {};

async function raise(projectCode: string, label: string, raisedOn: string) {
  const ministry = await actor("ministry@batys.demo");
  const result = await saveBlocker(
    ministry,
    {
      projectCode,
      category: "LAND",
      description: `${label}: жер учаскесі бөлінбеген`,
      escalation: "OBLAST",
      status: "OPEN",
      raisedOn,
      responsibleUserId: "",
    },
    ip,
  );
  expect(result.ok).toBe(true);
  ids[label] = (result as { blockerId: number }).blockerId;
}

/** A later version of a blocker recorded at an exact moment (the history is append-only: inserts only). */
async function version(label: string, number: number, status: string, at: string) {
  const ministry = await actor("ministry@batys.demo");
  await withSql((client) =>
    client.query(
      `INSERT INTO blocker_changes (blocker_id, actor_id, version, category, description, escalation, status, at)
       VALUES ($1, $2, $3, 'LAND', 'test', 'OBLAST', $4::"BlockerStatus", $5)`,
      [ids[label], ministry.id, number, status, at],
    ),
  );
}

beforeAll(async () => {
  const aktobe = await freshProject("AKT", 0);
  const atyrau = await freshProject("ATY", 0);
  // Raised: on the period's first and last days (in), the day before and the day after (out).
  await raise(aktobe.code, "raisedBefore", "2024-12-31");
  await raise(aktobe.code, "raisedFirstDay", "2025-01-01");
  await raise(aktobe.code, "raisedLastDay", "2025-03-31");
  await raise(aktobe.code, "raisedAfter", "2025-04-01");
  await raise(atyrau.code, "raisedAtyrau", "2025-02-15");
  // Resolved: at the edges of the period in Kazakhstan time.
  await raise(aktobe.code, "resolvedLastMoment", "2024-11-01");
  await version("resolvedLastMoment", 2, "RESOLVED", "2025-03-31T18:59:59.999Z");
  await raise(aktobe.code, "resolvedJustAfter", "2024-11-01");
  await version("resolvedJustAfter", 2, "RESOLVED", "2025-03-31T19:00:00.000Z");
  await raise(aktobe.code, "resolvedFirstMoment", "2024-11-01");
  await version("resolvedFirstMoment", 2, "RESOLVED", "2024-12-31T19:00:00.000Z");
  await raise(aktobe.code, "resolvedJustBefore", "2024-11-01");
  await version("resolvedJustBefore", 2, "RESOLVED", "2024-12-31T18:59:59.999Z");
  // Resolved before the period and only edited in it (still resolved): not resolved in the period.
  await raise(aktobe.code, "resolvedEarlierEdited", "2024-11-01");
  await version("resolvedEarlierEdited", 2, "RESOLVED", "2024-12-01T06:00:00Z");
  await version("resolvedEarlierEdited", 3, "RESOLVED", "2025-02-01T06:00:00Z");
  // Resolved, reopened and resolved again within the period: counted once.
  await raise(atyrau.code, "resolvedTwice", "2024-11-01");
  await version("resolvedTwice", 2, "RESOLVED", "2025-01-10T06:00:00Z");
  await version("resolvedTwice", 3, "OPEN", "2025-01-20T06:00:00Z");
  await version("resolvedTwice", 4, "RESOLVED", "2025-02-10T06:00:00Z");
});

const report = async (email: string, scope = "region") =>
  (await buildPeriodReport(await actor(email), parseReportQuery({ scope, from: FROM, to: TO })))!;
const register = async (email: string, period: "raised" | "resolved", oblast?: string) =>
  (
    await listBlockers(
      await actor(email),
      parseBlockerQuery({ state: "all", period, from: FROM, to: TO, ...(oblast ? { oblast } : {}) }),
    )
  ).total;
const labels = (rows: { id: number }[]) =>
  rows
    .map((row) => Object.entries(ids).find(([, id]) => id === row.id)?.[0])
    .filter(Boolean)
    .sort();

describe("blockers raised and resolved in a period", () => {
  it("counts a blocker by the day it was raised and the moment it became resolved, at the period's edges", async () => {
    const region = await report("manager@batys.demo");
    expect(labels(region.blockersInPeriod!.raised.rows)).toEqual(["raisedAtyrau", "raisedFirstDay", "raisedLastDay"]);
    expect(labels(region.blockersInPeriod!.resolved.rows)).toEqual([
      "resolvedFirstMoment",
      "resolvedLastMoment",
      "resolvedTwice",
    ]);
    const lastMoment = region.blockersInPeriod!.resolved.rows.find((row) => row.id === ids.resolvedLastMoment);
    expect(lastMoment?.resolvedOn).toBe("2025-03-31");
  });

  it("agrees with the blockers register for the same days and scope", async () => {
    const region = await report("manager@batys.demo");
    expect(region.blockersInPeriod!.raised.total).toBe(await register("manager@batys.demo", "raised"));
    expect(region.blockersInPeriod!.resolved.total).toBe(await register("manager@batys.demo", "resolved"));
    const aktobe = await report("ministry@batys.demo", "AKT");
    expect(aktobe.blockersInPeriod!.raised.total).toBe(await register("ministry@batys.demo", "raised", "AKT"));
    expect(aktobe.blockersInPeriod!.resolved.total).toBe(await register("ministry@batys.demo", "resolved", "AKT"));
    expect(labels(aktobe.blockersInPeriod!.raised.rows)).toEqual(["raisedFirstDay", "raisedLastDay"]);
  });

  it("gives an akimat officer their own oblast's blockers only, whatever scope is asked for", async () => {
    const officerReport = await report("akimat.akt@batys.demo", "ATY");
    expect(officerReport.query.scope).toBe("AKT");
    expect(labels(officerReport.blockersInPeriod!.raised.rows)).toEqual(["raisedFirstDay", "raisedLastDay"]);
    expect(labels(officerReport.blockersInPeriod!.resolved.rows)).toEqual([
      "resolvedFirstMoment",
      "resolvedLastMoment",
    ]);
    expect(officerReport.blockersInPeriod!.raised.total).toBe(await register("akimat.akt@batys.demo", "raised"));
    expect(officerReport.blockersInPeriod!.resolved.total).toBe(await register("akimat.akt@batys.demo", "resolved"));
  });

  it("lists them in the report's CSV/XLSX tables and keeps them in the saved snapshot", async () => {
    const ministry = await actor("ministry@batys.demo");
    const built = await report("ministry@batys.demo");
    const tables = reportTables(built, (key) => key, "en");
    const raised = tables.find((table) => table.key === "blockersRaised")!;
    const resolved = tables.find((table) => table.key === "blockersResolved")!;
    expect(raised.rows).toHaveLength(built.blockersInPeriod!.raised.total);
    expect(resolved.rows).toHaveLength(built.blockersInPeriod!.resolved.total);
    expect(resolved.header).toContain("periodBlockers.resolvedOn");

    const saved = await saveReport(
      ministry,
      parseReportQuery({ scope: "region", from: FROM, to: TO }),
      "en",
      async () => new Uint8Array([37, 80, 68, 70]),
    );
    const reopened = await openSavedReport(ministry, saved!.id);
    expect(reopened!.report.blockersInPeriod!.raised.total).toBe(built.blockersInPeriod!.raised.total);
    expect(reopened!.report.blockersInPeriod!.resolved.rows.map((row) => row.id).sort()).toEqual(
      built.blockersInPeriod!.resolved.rows.map((row) => row.id).sort(),
    );
    // A report saved before blockers were part of it still renders its tables (empty).
    const { blockersInPeriod: _gone, ...older } = built;
    expect(reportTables(older, (key) => key, "en").find((table) => table.key === "blockersRaised")!.rows).toEqual([]);
    expect(await prisma.savedReport.count({ where: { id: saved!.id } })).toBe(1);
  });
});
